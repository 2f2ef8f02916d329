using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SesecPortal.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConsultationsAndTargets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "targets",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    policy_id = table.Column<int>(type: "integer", nullable: true),
                    standard_id = table.Column<int>(type: "integer", nullable: true),
                    metric = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    value = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    unit = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    comparison = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    target_year = table.Column<int>(type: "integer", nullable: true),
                    baseline = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    quote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_targets", x => x.id);
                    table.CheckConstraint("ck_policy_targets_owner", "policy_id IS NOT NULL OR standard_id IS NOT NULL");
                    table.ForeignKey(
                        name: "fk_targets_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_targets_standards_standard_id",
                        column: x => x.standard_id,
                        principalTable: "standards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "policy_target_sectors",
                columns: table => new
                {
                    policy_target_id = table.Column<int>(type: "integer", nullable: false),
                    sectors_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_target_sectors", x => new { x.policy_target_id, x.sectors_id });
                    table.ForeignKey(
                        name: "fk_policy_target_sectors_sectors_sectors_id",
                        column: x => x.sectors_id,
                        principalTable: "sectors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_policy_target_sectors_targets_policy_target_id",
                        column: x => x.policy_target_id,
                        principalTable: "targets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_policy_target_sectors_sectors_id",
                table: "policy_target_sectors",
                column: "sectors_id");

            migrationBuilder.CreateIndex(
                name: "ix_targets_policy_id",
                table: "targets",
                column: "policy_id");

            migrationBuilder.CreateIndex(
                name: "ix_targets_standard_id",
                table: "targets",
                column: "standard_id");

            migrationBuilder.CreateIndex(
                name: "ix_targets_target_year",
                table: "targets",
                column: "target_year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "policy_target_sectors");

            migrationBuilder.DropTable(
                name: "targets");
        }
    }
}
