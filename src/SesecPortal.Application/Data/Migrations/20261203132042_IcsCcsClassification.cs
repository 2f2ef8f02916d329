using Microsoft.EntityFrameworkCore.Migrations;
using SesecPortal.Application.Domain;

#nullable disable

namespace SesecPortal.Application.Data.Migrations
{
    /// <summary>
    /// ICS (7th edition) and CCS classification: the reference tables, loaded from the files in <c>Data/Reference</c>
    /// (embedded in the assembly, read by <see cref="Classification"/>), a standard's ICS groups and its CCS code.
    /// </summary>
    public partial class IcsCcsClassification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ccs_code",
                table: "standards",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ccs_classes",
                columns: table => new
                {
                    letter = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    title_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    title_zh = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ccs_classes", x => x.letter);
                });

            migrationBuilder.CreateTable(
                name: "ics_groups",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    parent_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    title_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ics_groups", x => x.code);
                    table.ForeignKey(
                        name: "fk_ics_groups_ics_groups_parent_code",
                        column: x => x.parent_code,
                        principalTable: "ics_groups",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "standard_ics",
                columns: table => new
                {
                    ics_code = table.Column<string>(type: "character varying(16)", nullable: false),
                    standard_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_standard_ics", x => new { x.ics_code, x.standard_id });
                    table.ForeignKey(
                        name: "fk_standard_ics_ics_groups_ics_code",
                        column: x => x.ics_code,
                        principalTable: "ics_groups",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_standard_ics_standards_standard_id",
                        column: x => x.standard_id,
                        principalTable: "standards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_standards_ccs_code",
                table: "standards",
                column: "ccs_code");

            migrationBuilder.AddCheckConstraint(
                name: "ck_standards_ccs_code",
                table: "standards",
                sql: "ccs_code ~ '^[A-HJ-NP-Z][0-9]{2}$'");

            migrationBuilder.CreateIndex(
                name: "ix_ics_groups_parent_code",
                table: "ics_groups",
                column: "parent_code");

            migrationBuilder.CreateIndex(
                name: "ix_standard_ics_standard_id",
                table: "standard_ics",
                column: "standard_id");

            var groups = Classification.IcsGroups.OrderBy(g => g.Level).ThenBy(g => g.Code, StringComparer.Ordinal).ToList();
            var ics = new object[groups.Count, 4];
            for (var i = 0; i < groups.Count; i++)
            {
                ics[i, 0] = groups[i].Code;
                ics[i, 1] = groups[i].Parent;
                ics[i, 2] = groups[i].Title;
                ics[i, 3] = groups[i].Notes;
            }

            migrationBuilder.InsertData("ics_groups", ["code", "parent_code", "title_en", "notes"], ics);
            var classes = Classification.CcsClasses;
            var ccs = new object[classes.Count, 3];
            for (var i = 0; i < classes.Count; i++)
            {
                ccs[i, 0] = classes[i].Letter;
                ccs[i, 1] = classes[i].TitleEn;
                ccs[i, 2] = classes[i].TitleZh;
            }

            migrationBuilder.InsertData("ccs_classes", ["letter", "title_en", "title_zh"], ccs);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ccs_classes");

            migrationBuilder.DropTable(
                name: "standard_ics");

            migrationBuilder.DropTable(
                name: "ics_groups");

            migrationBuilder.DropIndex(
                name: "ix_standards_ccs_code",
                table: "standards");

            migrationBuilder.DropCheckConstraint(
                name: "ck_standards_ccs_code",
                table: "standards");

            migrationBuilder.DropColumn(
                name: "ccs_code",
                table: "standards");
        }
    }
}
