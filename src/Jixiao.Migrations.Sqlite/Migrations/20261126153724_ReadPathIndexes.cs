using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReadPathIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_targets_Subject_Period",
                table: "targets",
                columns: new[] { "Subject", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_org_units_ManagerId",
                table: "org_units",
                column: "ManagerId");

            migrationBuilder.CreateIndex(
                name: "IX_metric_values_Subject_Period",
                table: "metric_values",
                columns: new[] { "Subject", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_expenses_EmployeeId_Date",
                table: "expenses",
                columns: new[] { "EmployeeId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_credits_EmployeeId",
                table: "credits",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_collections_EmployeeId_Date",
                table: "collections",
                columns: new[] { "EmployeeId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_activities_EmployeeId_Date",
                table: "activities",
                columns: new[] { "EmployeeId", "Date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_targets_Subject_Period",
                table: "targets");

            migrationBuilder.DropIndex(
                name: "IX_org_units_ManagerId",
                table: "org_units");

            migrationBuilder.DropIndex(
                name: "IX_metric_values_Subject_Period",
                table: "metric_values");

            migrationBuilder.DropIndex(
                name: "IX_expenses_EmployeeId_Date",
                table: "expenses");

            migrationBuilder.DropIndex(
                name: "IX_credits_EmployeeId",
                table: "credits");

            migrationBuilder.DropIndex(
                name: "IX_collections_EmployeeId_Date",
                table: "collections");

            migrationBuilder.DropIndex(
                name: "IX_activities_EmployeeId_Date",
                table: "activities");
        }
    }
}
