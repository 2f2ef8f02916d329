using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SesecPortal.Application.Data.Migrations
{
    /// <summary>
    /// The orders of /policies (FindPolicies), so a page stops after its 25 rows instead of sorting every policy. The
    /// newest-first one is an expression index, which EF Core cannot describe: the model does not know these two (as
    /// ix_articles_digest_date). docs/query-plans.md has the plans.
    /// </summary>
    [DbContext(typeof(PortalDbContext))]
    [Migration("20261202143000_PolicyListIndexes")]
    public partial class PolicyListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Newest first, undated last: ORDER BY issued_on IS NULL, issued_on DESC, title, id.
            migrationBuilder.Sql("CREATE INDEX ix_policies_list_date ON policies ((issued_on IS NULL), issued_on DESC, title, id);");
            migrationBuilder.Sql("CREATE INDEX ix_policies_title_id ON policies (title, id);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_policies_title_id;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_policies_list_date;");
        }
    }
}
