using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SesecPortal.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class OpenData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "changed_at",
                table: "standards",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "external_id",
                table: "standards",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "changed_at",
                table: "policies",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "external_id",
                table: "policies",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "external_id",
                table: "articles",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "watchlists",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    last_visit_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    feed_token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_watchlists", x => x.id);
                    table.ForeignKey(
                        name: "fk_watchlists_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "watch_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    watchlist_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    item_id = table.Column<int>(type: "integer", nullable: true),
                    query = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_watch_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_watch_items_watchlists_watchlist_id",
                        column: x => x.watchlist_id,
                        principalTable: "watchlists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_standards_changed_at",
                table: "standards",
                column: "changed_at");

            migrationBuilder.CreateIndex(
                name: "ix_standards_external_id",
                table: "standards",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_policies_external_id",
                table: "policies",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_articles_created_at",
                table: "articles",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_articles_external_id",
                table: "articles",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_watch_items_watchlist_id_kind_item_id_query",
                table: "watch_items",
                columns: new[] { "watchlist_id", "kind", "item_id", "query" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_watchlists_feed_token_hash",
                table: "watchlists",
                column: "feed_token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_watchlists_user_id",
                table: "watchlists",
                column: "user_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "watch_items");

            migrationBuilder.DropTable(
                name: "watchlists");

            migrationBuilder.DropIndex(
                name: "ix_standards_changed_at",
                table: "standards");

            migrationBuilder.DropIndex(
                name: "ix_standards_external_id",
                table: "standards");

            migrationBuilder.DropIndex(
                name: "ix_policies_external_id",
                table: "policies");

            migrationBuilder.DropIndex(
                name: "ix_articles_created_at",
                table: "articles");

            migrationBuilder.DropIndex(
                name: "ix_articles_external_id",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "changed_at",
                table: "standards");

            migrationBuilder.DropColumn(
                name: "external_id",
                table: "standards");

            migrationBuilder.DropColumn(
                name: "changed_at",
                table: "policies");

            migrationBuilder.DropColumn(
                name: "external_id",
                table: "policies");

            migrationBuilder.DropColumn(
                name: "external_id",
                table: "articles");
        }
    }
}
