using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TargetsByPeriod : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_targets_Period",
                table: "targets");

            migrationBuilder.CreateIndex(
                name: "IX_targets_Period_ExternalId_Subject_Metric_Value_Challenge",
                table: "targets",
                columns: new[] { "Period", "ExternalId", "Subject", "Metric", "Value", "Challenge" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_targets_Period_ExternalId_Subject_Metric_Value_Challenge",
                table: "targets");

            migrationBuilder.CreateIndex(
                name: "IX_targets_Period",
                table: "targets",
                column: "Period");
        }
    }
}
