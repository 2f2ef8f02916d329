using Npgsql;

namespace SesecPortal.IntegrationTests.Data;

/// <summary>
/// Every query path of the public pages has an index that matches it. With sequential scans and sorts disabled, the planner must
/// find that index; if a query or an index changes so that they no longer match, the plan loses the index name and the
/// test fails. (On a few hundred seed rows the planner would rightly prefer a sequential scan; at a million it must not
/// have to.) The statements are the shapes EF Core generates for the handlers; docs/query-plans.md shows the plans.
/// </summary>
public sealed class QueryPlanTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    public static TheoryData<string, string, string> Paths => new()
    {
        { "change log: a follower reads on in commit order", "SELECT id FROM change_log WHERE (transaction_id, id) > (1, 1) AND transaction_id < 1000 ORDER BY transaction_id, id LIMIT 1000", "ix_change_log_transaction_id_id" },
        { "standard by code", "SELECT id FROM standards WHERE code_key = 'GBT503782019'", "ix_standards_code_key" },
        { "standard by code without year", "SELECT id FROM standards WHERE code_key LIKE 'GBT50378%'", "ix_standards_code_key" },
        { "finder: level sorted by code", "SELECT id FROM standards WHERE level = 'RecommendedNational' ORDER BY normalized_code LIMIT 25", "ix_standards_level_normalized_code" },
        { "finder: year", "SELECT id FROM standards WHERE year = 2019", "ix_standards_year" },
        { "finder: committee", "SELECT id FROM standards WHERE committee_id = 3", "ix_standards_committee_id" },
        { "finder: sorted by code", "SELECT id FROM standards ORDER BY normalized_code LIMIT 25", "ix_standards_normalized_code" },
        { "digest: policies of a period", "SELECT id FROM policies WHERE issued_on BETWEEN '2021-12-01' AND '2022-01-31'", "ix_policies_issued_on" },
        { "digest: articles of a period", "SELECT id FROM articles WHERE status = 'Published' AND COALESCE(event_date, published_on) BETWEEN '2021-12-01' AND '2022-01-31'", "ix_articles_digest_date" },
        { "home: latest articles", "SELECT id FROM articles WHERE status = 'Published' ORDER BY published_on DESC LIMIT 6", "ix_articles_status_published_on" },
        { "article by slug", "SELECT id FROM articles WHERE slug = 'x'", "ix_articles_slug" },
        { "policy by slug", "SELECT id FROM policies WHERE slug = 'x'", "ix_policies_slug" },
        { "articles of a sector", "SELECT article_id FROM article_sectors WHERE sectors_id = 5", "ix_article_sectors_sectors_id" },
        { "articles mentioning a standard", "SELECT article_id FROM article_standards WHERE standards_id = 7", "ix_article_standards_standards_id" },
        { "policies of an authority", "SELECT policy_id FROM policy_authority WHERE organisation_id = 2", "ix_policy_authority_organisation_id" },
        { "an issue's articles in order", "SELECT id FROM articles WHERE section_id = 1 ORDER BY position", "ix_articles_section_id_position" },
        { "work items of a standard", "SELECT id FROM work_items WHERE standard_id = 9", "ix_work_items_standard_id" },
        { "watchlist: a member's", "SELECT id FROM watchlists WHERE user_id = 'x'", "ix_watchlists_user_id" },
        { "watchlist: what it follows", "SELECT id FROM watch_items WHERE watchlist_id = 1", "ix_watch_items_watchlist_id_kind_item_id_query_filters" },
        { "policies: newest first, undated last", "SELECT id FROM policies ORDER BY issued_on IS NULL, issued_on DESC, title, id LIMIT 25", "ix_policies_list_date" },
        { "policies: by title", "SELECT id FROM policies ORDER BY title, id LIMIT 25", "ix_policies_title_id" },
        { "private feed by its token's hash", "SELECT id FROM watchlists WHERE feed_token_hash = 'ab'", "ix_watchlists_feed_token_hash" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Query_path_uses_its_index(string path, string sql, string index)
    {
        var plan = await ExplainAsync(sql);

        plan.ShouldContain(index, customMessage: $"{path}:\n{plan}");
    }

    private async Task<string> ExplainAsync(string sql, string settings = "SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off")
    {
        await using var conn = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await conn.OpenAsync(Ct);
        await using var tx = await conn.BeginTransactionAsync(Ct);
        // No sequential scans, and no sorts: an ordered query must find an index that gives its order, or the planner
        // is free to pick any index and sort (which on a handful of rows it does, by the whims of the statistics).
        // The statistics the planner reads are those of the table as it is now (the seed, just loaded back), not those of
        // whatever an earlier test left when autovacuum last looked: with them, two indexes on a handful of rows cost
        // the same and either may be picked.
        var table = System.Text.RegularExpressions.Regex.Match(sql, @"\bFROM (\w+)").Groups[1].Value;
        await using (var analyze = new NpgsqlCommand($"ANALYZE {table}", conn, tx))
        {
            await analyze.ExecuteNonQueryAsync(Ct);
        }

        await using (var off = new NpgsqlCommand(settings, conn, tx))
        {
            await off.ExecuteNonQueryAsync(Ct);
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, conn, tx);
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
