using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EvaluationCycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Visibility",
                table: "calculation_runs",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Draft");

            migrationBuilder.AddColumn<string>(
                name: "After",
                table: "audit_log",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Before",
                table: "audit_log",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmployeeId",
                table: "audit_log",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Period",
                table: "audit_log",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "adjustments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EmployeeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CorrectsPeriod = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CorrectsRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Item = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_adjustments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "appeals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EmployeeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    FiledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FiledBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_appeals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "deadline_extensions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PreviousDue = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Due = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ExtendedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ExtendedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deadline_extensions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_periods",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    BasisRunId = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishedRunId = table.Column<long>(type: "INTEGER", nullable: true),
                    RequestedRunId = table.Column<long>(type: "INTEGER", nullable: true),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EvaluationStartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CalibrationStartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConfirmedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_periods", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_Action_At",
                table: "audit_log",
                columns: new[] { "Action", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_EmployeeId_At",
                table: "audit_log",
                columns: new[] { "EmployeeId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_Period_At",
                table: "audit_log",
                columns: new[] { "Period", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_adjustments_CorrectsPeriod_EmployeeId",
                table: "adjustments",
                columns: new[] { "CorrectsPeriod", "EmployeeId" });

            migrationBuilder.CreateIndex(
                name: "IX_adjustments_Period_EmployeeId",
                table: "adjustments",
                columns: new[] { "Period", "EmployeeId" });

            migrationBuilder.CreateIndex(
                name: "IX_appeals_Period_EmployeeId",
                table: "appeals",
                columns: new[] { "Period", "EmployeeId" });

            migrationBuilder.CreateIndex(
                name: "IX_deadline_extensions_Period_Step",
                table: "deadline_extensions",
                columns: new[] { "Period", "Step" });

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_periods_State",
                table: "evaluation_periods",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "adjustments");

            migrationBuilder.DropTable(
                name: "appeals");

            migrationBuilder.DropTable(
                name: "deadline_extensions");

            migrationBuilder.DropTable(
                name: "evaluation_periods");

            migrationBuilder.DropIndex(
                name: "IX_audit_log_Action_At",
                table: "audit_log");

            migrationBuilder.DropIndex(
                name: "IX_audit_log_EmployeeId_At",
                table: "audit_log");

            migrationBuilder.DropIndex(
                name: "IX_audit_log_Period_At",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "Visibility",
                table: "calculation_runs");

            migrationBuilder.DropColumn(
                name: "After",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "Before",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "EmployeeId",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "Period",
                table: "audit_log");
        }
    }
}
