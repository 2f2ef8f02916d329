using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SesecPortal.Application.Data.Migrations
{
    /// <summary>
    /// The model forgets <c>SearchEntry</c>, whose table <c>OneSearchPathLucene</c> dropped (it was excluded from migrations
    /// until the standards finder left it): nothing changes in the database.
    /// </summary>
    public partial class DropSearchEntryModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
