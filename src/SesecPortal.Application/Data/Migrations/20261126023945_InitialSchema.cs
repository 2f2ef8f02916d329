using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SesecPortal.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            // The generated search vector of search_entries calls sesec_spelling: it must exist first.
            // As it was then (a migration keeps the SQL of its time; the function is gone since OneSearchPathLucene).
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION sesec_spelling(t text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $fn$
                  SELECT regexp_replace(
                           regexp_replace(lower(t), '([a-z]{3,})is(ation|ations|e|es|ed|er|ers|ing)\M', '\1iz\2', 'g'),
                         '([a-z]{2,})ys(e|es|ed|er|ers|ing)\M', '\1yz\2', 'g')
                $fn$;
                """);

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: true),
                    security_stamp = table.Column<string>(type: "text", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                    phone_number = table.Column<string>(type: "text", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    access_failed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "newsletter_issues",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    series = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    period_end = table.Column<DateOnly>(type: "date", nullable: false),
                    published_on = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    about = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_newsletter_issues", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    abbreviation = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    website = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    parent_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisations", x => x.id);
                    table.ForeignKey(
                        name: "fk_organisations_organisations_parent_id",
                        column: x => x.parent_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "policies",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: true),
                    issued_on_precision = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    comment_deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    document_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    co_issuers = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    source_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policies", x => x.id);
                });

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

            migrationBuilder.CreateTable(
                name: "sectors",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    hashtags = table.Column<List<string>>(type: "text[]", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sectors", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "working_groups",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    parent_id = table.Column<int>(type: "integer", nullable: true),
                    focus = table.Column<string>(type: "text", nullable: true),
                    established_on = table.Column<DateOnly>(type: "date", nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_working_groups", x => x.id);
                    table.ForeignKey(
                        name: "fk_working_groups_working_groups_parent_id",
                        column: x => x.parent_id,
                        principalTable: "working_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    role_id = table.Column<string>(type: "text", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_role_claims_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "AspNetRoles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_user_claims_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    provider_key = table.Column<string>(type: "text", nullable: false),
                    provider_display_name = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_asp_net_user_logins_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    role_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "AspNetRoles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_asp_net_user_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "issue_sections",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    issue_id = table.Column<int>(type: "integer", nullable: false),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_issue_sections", x => x.id);
                    table.ForeignKey(
                        name: "fk_issue_sections_issues_issue_id",
                        column: x => x.issue_id,
                        principalTable: "newsletter_issues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "policy_authority",
                columns: table => new
                {
                    policy_id = table.Column<int>(type: "integer", nullable: false),
                    organisation_id = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_authority", x => new { x.policy_id, x.organisation_id });
                    table.ForeignKey(
                        name: "fk_policy_authority_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_policy_authority_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "organisation_sectors",
                columns: table => new
                {
                    organisation_id = table.Column<int>(type: "integer", nullable: false),
                    sectors_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisation_sectors", x => new { x.organisation_id, x.sectors_id });
                    table.ForeignKey(
                        name: "fk_organisation_sectors_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_organisation_sectors_sectors_sectors_id",
                        column: x => x.sectors_id,
                        principalTable: "sectors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "policy_sectors",
                columns: table => new
                {
                    policy_id = table.Column<int>(type: "integer", nullable: false),
                    sectors_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_sectors", x => new { x.policy_id, x.sectors_id });
                    table.ForeignKey(
                        name: "fk_policy_sectors_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_policy_sectors_sectors_sectors_id",
                        column: x => x.sectors_id,
                        principalTable: "sectors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "standards",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    normalized_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    code_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    level = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    code_year = table.Column<int>(type: "integer", nullable: true),
                    year = table.Column<int>(type: "integer", nullable: true, computedColumnSql: "COALESCE(code_year, date_part('year', published_on)::integer, date_part('year', drafted_on)::integer)", stored: true),
                    title_en = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    title_zh = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    drafted_on = table.Column<DateOnly>(type: "date", nullable: true),
                    comment_deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    published_on = table.Column<DateOnly>(type: "date", nullable: true),
                    effective_on = table.Column<DateOnly>(type: "date", nullable: true),
                    withdrawn_on = table.Column<DateOnly>(type: "date", nullable: true),
                    committee_id = table.Column<int>(type: "integer", nullable: true),
                    issuer_id = table.Column<int>(type: "integer", nullable: true),
                    replaced_by_id = table.Column<int>(type: "integer", nullable: true),
                    adopted_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    adoption_degree = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_standards", x => x.id);
                    table.ForeignKey(
                        name: "fk_standards_organisations_issuer_id",
                        column: x => x.issuer_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_standards_standards_replaced_by_id",
                        column: x => x.replaced_by_id,
                        principalTable: "standards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_standards_working_groups_committee_id",
                        column: x => x.committee_id,
                        principalTable: "working_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "working_group_contact",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    working_group_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    phones = table.Column<List<string>>(type: "text[]", nullable: false),
                    is_secretariat = table.Column<bool>(type: "boolean", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_working_group_contact", x => x.id);
                    table.ForeignKey(
                        name: "fk_working_group_contact_working_groups_working_group_id",
                        column: x => x.working_group_id,
                        principalTable: "working_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "working_group_member",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    working_group_id = table.Column<int>(type: "integer", nullable: false),
                    role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    person_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    organisation_id = table.Column<int>(type: "integer", nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_working_group_member", x => x.id);
                    table.ForeignKey(
                        name: "fk_working_group_member_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_working_group_member_working_groups_working_group_id",
                        column: x => x.working_group_id,
                        principalTable: "working_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "working_group_sectors",
                columns: table => new
                {
                    sectors_id = table.Column<int>(type: "integer", nullable: false),
                    working_group_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_working_group_sectors", x => new { x.sectors_id, x.working_group_id });
                    table.ForeignKey(
                        name: "fk_working_group_sectors_sectors_sectors_id",
                        column: x => x.sectors_id,
                        principalTable: "sectors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_working_group_sectors_working_groups_working_group_id",
                        column: x => x.working_group_id,
                        principalTable: "working_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "articles",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    body = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    event_date = table.Column<DateOnly>(type: "date", nullable: true),
                    event_date_precision = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    published_on = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    section_id = table.Column<int>(type: "integer", nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_articles", x => x.id);
                    table.ForeignKey(
                        name: "fk_articles_issue_sections_section_id",
                        column: x => x.section_id,
                        principalTable: "issue_sections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "standard_sectors",
                columns: table => new
                {
                    sectors_id = table.Column<int>(type: "integer", nullable: false),
                    standard_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_standard_sectors", x => new { x.sectors_id, x.standard_id });
                    table.ForeignKey(
                        name: "fk_standard_sectors_sectors_sectors_id",
                        column: x => x.sectors_id,
                        principalTable: "sectors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_standard_sectors_standards_standard_id",
                        column: x => x.standard_id,
                        principalTable: "standards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "targets",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    policy_id = table.Column<int>(type: "integer", nullable: true),
                    standard_id = table.Column<int>(type: "integer", nullable: true),
                    metric = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    value = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    unit = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    comparison = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    target_year = table.Column<int>(type: "integer", nullable: true),
                    baseline = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    quote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_targets", x => x.id);
                    table.CheckConstraint("ck_policy_targets_owner", "policy_id IS NOT NULL OR standard_id IS NOT NULL");
                    table.ForeignKey(
                        name: "fk_targets_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_targets_standards_standard_id",
                        column: x => x.standard_id,
                        principalTable: "standards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    working_group_id = table.Column<int>(type: "integer", nullable: false),
                    stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    standard_id = table.Column<int>(type: "integer", nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_work_items_standards_standard_id",
                        column: x => x.standard_id,
                        principalTable: "standards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_work_items_working_groups_working_group_id",
                        column: x => x.working_group_id,
                        principalTable: "working_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "article_organisations",
                columns: table => new
                {
                    article_id = table.Column<int>(type: "integer", nullable: false),
                    organisations_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_organisations", x => new { x.article_id, x.organisations_id });
                    table.ForeignKey(
                        name: "fk_article_organisations_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_article_organisations_organisations_organisations_id",
                        column: x => x.organisations_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "article_policies",
                columns: table => new
                {
                    article_id = table.Column<int>(type: "integer", nullable: false),
                    policies_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_policies", x => new { x.article_id, x.policies_id });
                    table.ForeignKey(
                        name: "fk_article_policies_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_article_policies_policies_policies_id",
                        column: x => x.policies_id,
                        principalTable: "policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "article_sectors",
                columns: table => new
                {
                    article_id = table.Column<int>(type: "integer", nullable: false),
                    sectors_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_sectors", x => new { x.article_id, x.sectors_id });
                    table.ForeignKey(
                        name: "fk_article_sectors_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_article_sectors_sectors_sectors_id",
                        column: x => x.sectors_id,
                        principalTable: "sectors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "article_source_link",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    article_id = table.Column<int>(type: "integer", nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_source_link", x => x.id);
                    table.ForeignKey(
                        name: "fk_article_source_link_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "article_standards",
                columns: table => new
                {
                    article_id = table.Column<int>(type: "integer", nullable: false),
                    standards_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_standards", x => new { x.article_id, x.standards_id });
                    table.ForeignKey(
                        name: "fk_article_standards_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_article_standards_standards_standards_id",
                        column: x => x.standards_id,
                        principalTable: "standards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "article_working_groups",
                columns: table => new
                {
                    article_id = table.Column<int>(type: "integer", nullable: false),
                    working_groups_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_working_groups", x => new { x.article_id, x.working_groups_id });
                    table.ForeignKey(
                        name: "fk_article_working_groups_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_article_working_groups_working_groups_working_groups_id",
                        column: x => x.working_groups_id,
                        principalTable: "working_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "issue_takeaway",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    issue_id = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    article_id = table.Column<int>(type: "integer", nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_issue_takeaway", x => x.id);
                    table.ForeignKey(
                        name: "fk_issue_takeaway_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_issue_takeaway_newsletter_issues_issue_id",
                        column: x => x.issue_id,
                        principalTable: "newsletter_issues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "policy_target_sectors",
                columns: table => new
                {
                    policy_target_id = table.Column<int>(type: "integer", nullable: false),
                    sectors_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_target_sectors", x => new { x.policy_target_id, x.sectors_id });
                    table.ForeignKey(
                        name: "fk_policy_target_sectors_sectors_sectors_id",
                        column: x => x.sectors_id,
                        principalTable: "sectors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_policy_target_sectors_targets_policy_target_id",
                        column: x => x.policy_target_id,
                        principalTable: "targets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "AspNetRoles",
                columns: new[] { "id", "concurrency_stamp", "name", "normalized_name" },
                values: new object[,]
                {
                    { "admin", "admin", "Admin", "ADMIN" },
                    { "editor", "editor", "Editor", "EDITOR" },
                    { "member", "member", "Member", "MEMBER" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_article_organisations_organisations_id",
                table: "article_organisations",
                column: "organisations_id");

            migrationBuilder.CreateIndex(
                name: "ix_article_policies_policies_id",
                table: "article_policies",
                column: "policies_id");

            migrationBuilder.CreateIndex(
                name: "ix_article_sectors_sectors_id",
                table: "article_sectors",
                column: "sectors_id");

            migrationBuilder.CreateIndex(
                name: "ix_article_source_link_article_id",
                table: "article_source_link",
                column: "article_id");

            migrationBuilder.CreateIndex(
                name: "ix_article_standards_standards_id",
                table: "article_standards",
                column: "standards_id");

            migrationBuilder.CreateIndex(
                name: "ix_article_working_groups_working_groups_id",
                table: "article_working_groups",
                column: "working_groups_id");

            migrationBuilder.CreateIndex(
                name: "ix_articles_section_id_position",
                table: "articles",
                columns: new[] { "section_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_articles_slug",
                table: "articles",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_articles_status_published_on",
                table: "articles",
                columns: new[] { "status", "published_on" });

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_role_claims_role_id",
                table: "AspNetRoleClaims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_claims_user_id",
                table: "AspNetUserClaims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_logins_user_id",
                table: "AspNetUserLogins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_roles_role_id",
                table: "AspNetUserRoles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_issue_sections_issue_id_slug",
                table: "issue_sections",
                columns: new[] { "issue_id", "slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_issue_takeaway_article_id",
                table: "issue_takeaway",
                column: "article_id");

            migrationBuilder.CreateIndex(
                name: "ix_issue_takeaway_issue_id_position",
                table: "issue_takeaway",
                columns: new[] { "issue_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_newsletter_issues_number",
                table: "newsletter_issues",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_newsletter_issues_slug",
                table: "newsletter_issues",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_newsletter_issues_status_period_start",
                table: "newsletter_issues",
                columns: new[] { "status", "period_start" });

            migrationBuilder.CreateIndex(
                name: "ix_organisation_sectors_sectors_id",
                table: "organisation_sectors",
                column: "sectors_id");

            migrationBuilder.CreateIndex(
                name: "ix_organisations_parent_id",
                table: "organisations",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_organisations_slug",
                table: "organisations",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_policies_issued_on",
                table: "policies",
                column: "issued_on");

            migrationBuilder.CreateIndex(
                name: "ix_policies_slug",
                table: "policies",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_policy_authority_organisation_id",
                table: "policy_authority",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_policy_sectors_sectors_id",
                table: "policy_sectors",
                column: "sectors_id");

            migrationBuilder.CreateIndex(
                name: "ix_policy_target_sectors_sectors_id",
                table: "policy_target_sectors",
                column: "sectors_id");

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

            migrationBuilder.CreateIndex(
                name: "ix_sectors_position",
                table: "sectors",
                column: "position");

            migrationBuilder.CreateIndex(
                name: "ix_sectors_slug",
                table: "sectors",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_standard_sectors_standard_id",
                table: "standard_sectors",
                column: "standard_id");

            migrationBuilder.CreateIndex(
                name: "ix_standards_code_key",
                table: "standards",
                column: "code_key",
                unique: true)
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_standards_committee_id",
                table: "standards",
                column: "committee_id");

            migrationBuilder.CreateIndex(
                name: "ix_standards_issuer_id",
                table: "standards",
                column: "issuer_id");

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
                name: "ix_standards_replaced_by_id",
                table: "standards",
                column: "replaced_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_standards_slug",
                table: "standards",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_standards_status_effective_on",
                table: "standards",
                columns: new[] { "status", "effective_on" });

            migrationBuilder.CreateIndex(
                name: "ix_standards_year",
                table: "standards",
                column: "year");

            migrationBuilder.CreateIndex(
                name: "ix_targets_policy_id",
                table: "targets",
                column: "policy_id");

            migrationBuilder.CreateIndex(
                name: "ix_targets_standard_id",
                table: "targets",
                column: "standard_id");

            migrationBuilder.CreateIndex(
                name: "ix_targets_target_year",
                table: "targets",
                column: "target_year");

            migrationBuilder.CreateIndex(
                name: "ix_work_items_standard_id",
                table: "work_items",
                column: "standard_id");

            migrationBuilder.CreateIndex(
                name: "ix_work_items_working_group_id_stage_position",
                table: "work_items",
                columns: new[] { "working_group_id", "stage", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_working_group_contact_working_group_id",
                table: "working_group_contact",
                column: "working_group_id");

            migrationBuilder.CreateIndex(
                name: "ix_working_group_member_organisation_id",
                table: "working_group_member",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_working_group_member_working_group_id",
                table: "working_group_member",
                column: "working_group_id");

            migrationBuilder.CreateIndex(
                name: "ix_working_group_sectors_working_group_id",
                table: "working_group_sectors",
                column: "working_group_id");

            migrationBuilder.CreateIndex(
                name: "ix_working_groups_parent_id",
                table: "working_groups",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_working_groups_slug",
                table: "working_groups",
                column: "slug",
                unique: true);

            // The policy digest selects published articles by COALESCE(event_date, published_on): an expression index,
            // which EF Core's model cannot describe.
            migrationBuilder.Sql("CREATE INDEX ix_articles_digest_date ON articles ((COALESCE(event_date, published_on))) WHERE status = 'Published';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "article_organisations");

            migrationBuilder.DropTable(
                name: "article_policies");

            migrationBuilder.DropTable(
                name: "article_sectors");

            migrationBuilder.DropTable(
                name: "article_source_link");

            migrationBuilder.DropTable(
                name: "article_standards");

            migrationBuilder.DropTable(
                name: "article_working_groups");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "issue_takeaway");

            migrationBuilder.DropTable(
                name: "organisation_sectors");

            migrationBuilder.DropTable(
                name: "policy_authority");

            migrationBuilder.DropTable(
                name: "policy_sectors");

            migrationBuilder.DropTable(
                name: "policy_target_sectors");

            migrationBuilder.DropTable(
                name: "search_entries");

            migrationBuilder.DropTable(
                name: "standard_sectors");

            migrationBuilder.DropTable(
                name: "work_items");

            migrationBuilder.DropTable(
                name: "working_group_contact");

            migrationBuilder.DropTable(
                name: "working_group_member");

            migrationBuilder.DropTable(
                name: "working_group_sectors");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "articles");

            migrationBuilder.DropTable(
                name: "targets");

            migrationBuilder.DropTable(
                name: "sectors");

            migrationBuilder.DropTable(
                name: "issue_sections");

            migrationBuilder.DropTable(
                name: "policies");

            migrationBuilder.DropTable(
                name: "standards");

            migrationBuilder.DropTable(
                name: "newsletter_issues");

            migrationBuilder.DropTable(
                name: "organisations");

            migrationBuilder.DropTable(
                name: "working_groups");

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS sesec_spelling(text);");
        }
    }
}
