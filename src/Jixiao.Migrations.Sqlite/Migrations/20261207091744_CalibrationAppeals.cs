using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CalibrationAppeals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FeedbackNote",
                table: "manager_reviews",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FeedbackOn",
                table: "manager_reviews",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FiledOn",
                table: "appeals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Indicators",
                table: "appeals",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "RunId",
                table: "appeals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "improvement_plans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EmployeeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Goals = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Actions = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_improvement_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "result_corrections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EmployeeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Indicator = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Points = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AppealId = table.Column<long>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Before = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_result_corrections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "verifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EmployeeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Indicator = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    VerifiedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    VerifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_verifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "improvement_notes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_improvement_notes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_improvement_notes_improvement_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "improvement_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_improvement_notes_PlanId",
                table: "improvement_notes",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_improvement_plans_Period_EmployeeId",
                table: "improvement_plans",
                columns: new[] { "Period", "EmployeeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_result_corrections_Period_EmployeeId",
                table: "result_corrections",
                columns: new[] { "Period", "EmployeeId" });

            migrationBuilder.CreateIndex(
                name: "IX_verifications_Period_EmployeeId",
                table: "verifications",
                columns: new[] { "Period", "EmployeeId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "improvement_notes");

            migrationBuilder.DropTable(
                name: "result_corrections");

            migrationBuilder.DropTable(
                name: "verifications");

            migrationBuilder.DropTable(
                name: "improvement_plans");

            migrationBuilder.DropColumn(
                name: "FeedbackNote",
                table: "manager_reviews");

            migrationBuilder.DropColumn(
                name: "FeedbackOn",
                table: "manager_reviews");

            migrationBuilder.DropColumn(
                name: "FiledOn",
                table: "appeals");

            migrationBuilder.DropColumn(
                name: "Indicators",
                table: "appeals");

            migrationBuilder.DropColumn(
                name: "RunId",
                table: "appeals");
        }
    }
}
