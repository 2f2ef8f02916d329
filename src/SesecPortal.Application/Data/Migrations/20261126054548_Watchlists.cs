using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SesecPortal.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class Watchlists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_watch_items_watchlist_id_kind_item_id_query",
                table: "watch_items");

            migrationBuilder.AddColumn<string>(
                name: "filters",
                table: "watch_items",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "published_at",
                table: "articles",
                type: "timestamp with time zone",
                nullable: true);

            // When each published article went online here: its first published revision, else its arrival (an import).
            // The seed's articles were never news on this portal (created_at is unset): they stay null.
            migrationBuilder.Sql("""
                UPDATE articles a SET published_at = COALESCE(
                    (SELECT min(r.published_at) FROM article_revisions r WHERE r.article_id = a.id AND r.published_at > '1900-01-01'),
                    CASE WHEN a.created_at > '1900-01-01' THEN a.created_at END)
                WHERE a.status = 'Published';
                """);

            migrationBuilder.CreateIndex(
                name: "ix_watch_items_watchlist_id_kind_item_id_query_filters",
                table: "watch_items",
                columns: new[] { "watchlist_id", "kind", "item_id", "query", "filters" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_watch_items_watchlist_id_kind_item_id_query_filters",
                table: "watch_items");

            migrationBuilder.DropColumn(
                name: "filters",
                table: "watch_items");

            migrationBuilder.DropColumn(
                name: "published_at",
                table: "articles");

            migrationBuilder.CreateIndex(
                name: "ix_watch_items_watchlist_id_kind_item_id_query",
                table: "watch_items",
                columns: new[] { "watchlist_id", "kind", "item_id", "query" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }
    }
}
