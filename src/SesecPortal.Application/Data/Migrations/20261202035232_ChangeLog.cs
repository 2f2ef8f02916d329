using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SesecPortal.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChangeLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "change_followers",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    transaction_id = table.Column<long>(type: "bigint", nullable: false),
                    entry_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_change_followers", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "change_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    transaction_id = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "pg_current_xact_id()::text::bigint"),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    item_id = table.Column<int>(type: "integer", nullable: false),
                    action = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_change_log", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_change_log_transaction_id_id",
                table: "change_log",
                columns: new[] { "transaction_id", "id" });

            // Followers are woken when a transaction that wrote to the log commits (one notification per transaction:
            // PostgreSQL folds equal notifications of one transaction). Statement level, so a bulk import's batch sends one.
            migrationBuilder.Sql("""
                CREATE FUNCTION sesec_notify_changes() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                  PERFORM pg_notify('sesec_changes', '');
                  RETURN NULL;
                END
                $fn$;
                CREATE TRIGGER change_log_notify AFTER INSERT ON change_log FOR EACH STATEMENT EXECUTE FUNCTION sesec_notify_changes();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS change_log_notify ON change_log; DROP FUNCTION IF EXISTS sesec_notify_changes();");
            migrationBuilder.DropTable(
                name: "change_followers");

            migrationBuilder.DropTable(
                name: "change_log");
        }
    }
}
