using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SesecPortal.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class StandardRecordAdoptionsLinksDrafters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "competent_department",
                table: "standards",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "drafters",
                table: "standards",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<List<string>>(
                name: "drafting_organisations",
                table: "standards",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<string>(
                name: "full_text_url",
                table: "standards",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "purchase_url",
                table: "standards",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "record_url",
                table: "standards",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "standard_adoptions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    standard_id = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    code_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    degree = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_standard_adoptions", x => x.id);
                    table.ForeignKey(
                        name: "fk_standard_adoptions_standards_standard_id",
                        column: x => x.standard_id,
                        principalTable: "standards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_standard_adoptions_code_key",
                table: "standard_adoptions",
                column: "code_key")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_standard_adoptions_standard_id_position",
                table: "standard_adoptions",
                columns: new[] { "standard_id", "position" },
                unique: true);

            // One source of truth: a standard's single adoption becomes the first row of its adoptions, keyed as
            // StandardCode.KeyOf keys it (NFKC, ASCII letters and digits, upper case).
            migrationBuilder.Sql("""
                INSERT INTO standard_adoptions (standard_id, position, code, code_key, degree)
                SELECT id, 0, btrim(adopted_code), upper(regexp_replace(normalize(adopted_code, NFKC), '[^A-Za-z0-9]', '', 'g')), adoption_degree
                FROM standards
                WHERE adopted_code IS NOT NULL AND regexp_replace(normalize(adopted_code, NFKC), '[^A-Za-z0-9]', '', 'g') <> ''
                """);

            migrationBuilder.DropColumn(
                name: "adopted_code",
                table: "standards");

            migrationBuilder.DropColumn(
                name: "adoption_degree",
                table: "standards");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.DropColumn(
                name: "competent_department",
                table: "standards");

            migrationBuilder.DropColumn(
                name: "drafters",
                table: "standards");

            migrationBuilder.DropColumn(
                name: "drafting_organisations",
                table: "standards");

            migrationBuilder.DropColumn(
                name: "full_text_url",
                table: "standards");

            migrationBuilder.DropColumn(
                name: "purchase_url",
                table: "standards");

            migrationBuilder.DropColumn(
                name: "record_url",
                table: "standards");

            migrationBuilder.AddColumn<string>(
                name: "adopted_code",
                table: "standards",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "adoption_degree",
                table: "standards",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE standards s SET adopted_code = a.code, adoption_degree = a.degree
                FROM standard_adoptions a WHERE a.standard_id = s.id AND a.position = 0
                """);

            migrationBuilder.DropTable(
                name: "standard_adoptions");
        }
    }
}
