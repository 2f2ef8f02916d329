using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SesecPortal.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class DigestDateIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The policy digest selects published articles by COALESCE(event_date, published_on).
            migrationBuilder.Sql("CREATE INDEX ix_articles_digest_date ON articles ((COALESCE(event_date, published_on))) WHERE status = 'Published';");


        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_articles_digest_date;");


        }
    }
}
