using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SesecPortal.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class PolicyVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "previous_version_id",
                table: "policies",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "title_zh",
                table: "policies",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "version_kind",
                table: "policies",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_policies_previous_version_id",
                table: "policies",
                column: "previous_version_id",
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_policies_version_link",
                table: "policies",
                sql: "(previous_version_id IS NULL) = (version_kind IS NULL) AND (previous_version_id IS NULL OR previous_version_id <> id)");

            migrationBuilder.AddForeignKey(
                name: "fk_policies_policies_previous_version_id",
                table: "policies",
                column: "previous_version_id",
                principalTable: "policies",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_policies_policies_previous_version_id",
                table: "policies");

            migrationBuilder.DropIndex(
                name: "ix_policies_previous_version_id",
                table: "policies");

            migrationBuilder.DropCheckConstraint(
                name: "ck_policies_version_link",
                table: "policies");

            migrationBuilder.DropColumn(
                name: "previous_version_id",
                table: "policies");

            migrationBuilder.DropColumn(
                name: "title_zh",
                table: "policies");

            migrationBuilder.DropColumn(
                name: "version_kind",
                table: "policies");
        }
    }
}
