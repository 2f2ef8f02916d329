using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SesecPortal.Application.Data.Migrations
{
    /// <summary>
    /// A change stamp per kind of data, bumped by statement-level triggers in the writing transaction: the standards
    /// finder's in-memory index (<c>StandardFinderIndex</c>) compares it with the stamp it was built at. The values come
    /// from a sequence, so a stamp never repeats, even after the row is deleted.
    /// </summary>
    public partial class FinderChangeStamps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER working_groups_change_stamp ON working_groups;
                DROP TRIGGER sectors_change_stamp ON sectors;
                DROP TRIGGER standard_sectors_change_stamp ON standard_sectors;
                DROP TRIGGER standards_change_stamp ON standards;
                DROP FUNCTION sesec_bump_change_stamp();
                DROP TABLE change_stamps;
                DROP SEQUENCE change_stamp_seq;
                """);
        }
    }
}
