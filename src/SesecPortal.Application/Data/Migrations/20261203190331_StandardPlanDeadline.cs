using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SesecPortal.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class StandardPlanDeadline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "plan_deadline",
                table: "standards",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "plan_deadline",
                table: "standards");
        }
    }
}
