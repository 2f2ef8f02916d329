using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SesecPortal.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class StandardYear : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "code_year",
                table: "standards",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "year",
                table: "standards",
                type: "integer",
                nullable: true,
                computedColumnSql: "COALESCE(code_year, date_part('year', published_on)::integer, date_part('year', drafted_on)::integer)",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_standards_year",
                table: "standards",
                column: "year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_standards_year",
                table: "standards");

            migrationBuilder.DropColumn(
                name: "year",
                table: "standards");

            migrationBuilder.DropColumn(
                name: "code_year",
                table: "standards");
        }
    }
}
