using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SesecPortal.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchRecencyIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A search with more matches than can be ranked lists the newest first (SearchPortal.RankedLimit): this index
            // gives that order, so the first page stops after a few rows instead of sorting every match.
            migrationBuilder.Sql("CREATE INDEX ix_search_entries_recency ON search_entries ((COALESCE(date, DATE '-infinity')) DESC, id DESC);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_search_entries_recency;");
        }
    }
}
