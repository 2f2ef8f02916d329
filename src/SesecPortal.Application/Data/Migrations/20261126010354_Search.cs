using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace SesecPortal.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_standards_code_key",
                table: "standards");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            // The generated search vector calls sesec_spelling: it must exist first.
            migrationBuilder.Sql(SesecPortal.Application.Data.SearchFunctions.CreateSpellingFunction);

            migrationBuilder.CreateTable(
                name: "search_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    item_id = table.Column<int>(type: "integer", nullable: false),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    code_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    summary = table.Column<string>(type: "text", nullable: true),
                    body = table.Column<string>(type: "text", nullable: true),
                    date = table.Column<DateOnly>(type: "date", nullable: true),
                    year = table.Column<int>(type: "integer", nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    effective_on = table.Column<DateOnly>(type: "date", nullable: true),
                    sectors = table.Column<List<string>>(type: "text[]", nullable: false),
                    authorities = table.Column<List<string>>(type: "text[]", nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false, computedColumnSql: "setweight(to_tsvector('english'::regconfig, sesec_spelling(coalesce(title, '') || ' ' || coalesce(code, ''))), 'A') || setweight(to_tsvector('english'::regconfig, sesec_spelling(coalesce(summary, ''))), 'B') || setweight(to_tsvector('english'::regconfig, sesec_spelling(coalesce(body, ''))), 'D')", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_search_entries", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_standards_code_key",
                table: "standards",
                column: "code_key",
                unique: true)
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_standards_level_normalized_code",
                table: "standards",
                columns: new[] { "level", "normalized_code" });

            migrationBuilder.CreateIndex(
                name: "ix_standards_normalized_code",
                table: "standards",
                column: "normalized_code");

            migrationBuilder.CreateIndex(
                name: "ix_standards_published_on",
                table: "standards",
                column: "published_on");

            migrationBuilder.CreateIndex(
                name: "ix_standards_status_effective_on",
                table: "standards",
                columns: new[] { "status", "effective_on" });

            migrationBuilder.CreateIndex(
                name: "ix_search_entries_authorities",
                table: "search_entries",
                column: "authorities")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_search_entries_code_key",
                table: "search_entries",
                column: "code_key")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_search_entries_date",
                table: "search_entries",
                column: "date");

            migrationBuilder.CreateIndex(
                name: "ix_search_entries_kind_date",
                table: "search_entries",
                columns: new[] { "kind", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_search_entries_kind_item_id",
                table: "search_entries",
                columns: new[] { "kind", "item_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_search_entries_search_vector",
                table: "search_entries",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_search_entries_sectors",
                table: "search_entries",
                column: "sectors")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_search_entries_title_trgm",
                table: "search_entries",
                column: "title")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "search_entries");

            migrationBuilder.DropIndex(
                name: "ix_standards_code_key",
                table: "standards");

            migrationBuilder.DropIndex(
                name: "ix_standards_level_normalized_code",
                table: "standards");

            migrationBuilder.DropIndex(
                name: "ix_standards_normalized_code",
                table: "standards");

            migrationBuilder.DropIndex(
                name: "ix_standards_published_on",
                table: "standards");

            migrationBuilder.DropIndex(
                name: "ix_standards_status_effective_on",
                table: "standards");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "ix_standards_code_key",
                table: "standards",
                column: "code_key",
                unique: true);

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS sesec_spelling(text);");
        }
    }
}
