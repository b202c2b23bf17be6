using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SelfAssessmentAndScoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "evidence_files",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EmployeeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SelfAssessmentId = table.Column<long>(type: "INTEGER", nullable: true),
                    AppealId = table.Column<long>(type: "INTEGER", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: true),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evidence_files", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "manager_reviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EmployeeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ManagerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    TalkOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TalkNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_manager_reviews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "self_assessments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EmployeeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BasisRunId = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_self_assessments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "self_assessment_lines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SelfAssessmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Indicator = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_self_assessment_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_self_assessment_lines_self_assessments_SelfAssessmentId",
                        column: x => x.SelfAssessmentId,
                        principalTable: "self_assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_evidence_files_AppealId",
                table: "evidence_files",
                column: "AppealId");

            migrationBuilder.CreateIndex(
                name: "IX_evidence_files_Period_EmployeeId",
                table: "evidence_files",
                columns: new[] { "Period", "EmployeeId" });

            migrationBuilder.CreateIndex(
                name: "IX_evidence_files_SelfAssessmentId",
                table: "evidence_files",
                column: "SelfAssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_manager_reviews_Period_EmployeeId",
                table: "manager_reviews",
                columns: new[] { "Period", "EmployeeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_manager_reviews_Period_ManagerId",
                table: "manager_reviews",
                columns: new[] { "Period", "ManagerId" });

            migrationBuilder.CreateIndex(
                name: "IX_self_assessment_lines_SelfAssessmentId_Indicator",
                table: "self_assessment_lines",
                columns: new[] { "SelfAssessmentId", "Indicator" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_self_assessments_Period_EmployeeId",
                table: "self_assessments",
                columns: new[] { "Period", "EmployeeId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evidence_files");

            migrationBuilder.DropTable(
                name: "manager_reviews");

            migrationBuilder.DropTable(
                name: "self_assessment_lines");

            migrationBuilder.DropTable(
                name: "self_assessments");
        }
    }
}
