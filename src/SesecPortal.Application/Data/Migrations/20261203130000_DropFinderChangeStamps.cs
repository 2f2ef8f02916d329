using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SesecPortal.Application.Data.Migrations
{
    /// <summary>
    /// The standards finder answers from the search index, which follows the change log: the change stamps its in-memory
    /// index compared (and the statement triggers that bumped them in every transaction writing standards, their sectors,
    /// sectors or working groups) have no reader left. The model never knew them.
    /// </summary>
    [DbContext(typeof(PortalDbContext))]
    [Migration("20261203130000_DropFinderChangeStamps")]
    public partial class DropFinderChangeStamps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS working_groups_change_stamp ON working_groups;
                DROP TRIGGER IF EXISTS sectors_change_stamp ON sectors;
                DROP TRIGGER IF EXISTS standard_sectors_change_stamp ON standard_sectors;
                DROP TRIGGER IF EXISTS standards_change_stamp ON standards;
                DROP FUNCTION IF EXISTS sesec_bump_change_stamp();
                DROP TABLE IF EXISTS change_stamps;
                DROP SEQUENCE IF EXISTS change_stamp_seq;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE SEQUENCE change_stamp_seq;
                CREATE TABLE change_stamps (name varchar(40) PRIMARY KEY, stamp bigint NOT NULL);
                CREATE FUNCTION sesec_bump_change_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO change_stamps (name, stamp) VALUES (TG_ARGV[0], nextval('change_stamp_seq'))
                    ON CONFLICT (name) DO UPDATE SET stamp = excluded.stamp;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER standards_change_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON standards
                    FOR EACH STATEMENT EXECUTE FUNCTION sesec_bump_change_stamp('standards');
                CREATE TRIGGER standard_sectors_change_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON standard_sectors
                    FOR EACH STATEMENT EXECUTE FUNCTION sesec_bump_change_stamp('standards');
                CREATE TRIGGER sectors_change_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sectors
                    FOR EACH STATEMENT EXECUTE FUNCTION sesec_bump_change_stamp('standards');
                CREATE TRIGGER working_groups_change_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON working_groups
                    FOR EACH STATEMENT EXECUTE FUNCTION sesec_bump_change_stamp('standards');
                """);
        }
    }
}
