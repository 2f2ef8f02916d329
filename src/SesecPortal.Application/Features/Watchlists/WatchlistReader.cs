using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.Application.Features.Watchlists;

/// <summary>One thing a watchlist follows, named and linked (a sector, standard or organisation that was deleted has no address).</summary>
public sealed record Followed(int Id, WatchKind Kind, string Name, string? Url, DateTimeOffset Since);

/// <summary>
/// Something new or changed that a watchlist follows: an article, a standard or a policy, when it went online or last
/// changed here (<see cref="At"/>; null for the seed's records, which never changed here), and why it is listed.
/// </summary>
public sealed record WatchedChange(string Kind, string Title, string Url, string? Date, DateTimeOffset? At, IReadOnlyList<string> Reasons)
{
    /// <summary>A stable id for feeds.</summary>
    public required string Key { get; init; }

    public DateOnly? On { get; init; }
}

/// <summary>
/// What the watchlist page and the private feed share: the follows of a watchlist with their names (one statement), and
/// what they match (one statement, however many things are followed): articles, standards and policies in followed
/// sectors, by or naming followed organisations, followed standards and the articles about them, and what saved
/// searches find. It reads the denormalised <c>search_entries</c> (sectors and authorities as GIN-indexed arrays,
/// the full-text vector) and takes each item's change time from its own table: <c>articles.published_at</c> and
/// <c>updated_at</c>, <c>standards.changed_at</c>, <c>policies.changed_at</c>.
/// </summary>
internal static class WatchlistReader
{
    public sealed record Follow(int Id, WatchKind Kind, int? ItemId, string? Slug, string Query, string Filters, string Name, string? Url, DateTimeOffset CreatedAt)
    {
        public Followed ToFollowed() => new(Id, Kind, Name, Url, CreatedAt);

        public string Reason => Kind switch
        {
            WatchKind.Sector => $"the sector {Name}",
            WatchKind.Standard => $"the standard {Name}",
            WatchKind.Organisation => $"the organisation {Name}",
            _ => $"the search {Name}",
        };
    }

    public static async Task<List<Follow>> FollowsAsync(PortalDbContext db, int watchlistId, CancellationToken ct)
    {
        var rows = await db.WatchItems.AsNoTracking().Where(i => i.WatchlistId == watchlistId)
            .Select(i => new
            {
                i.Id, i.Kind, i.ItemId, i.Query, i.Filters, i.CreatedAt,
                Sector = db.Sectors.Where(s => i.Kind == WatchKind.Sector && s.Id == i.ItemId).Select(s => new { s.Slug, s.Name }).FirstOrDefault(),
                Standard = db.Standards.Where(s => i.Kind == WatchKind.Standard && s.Id == i.ItemId).Select(s => new { s.Slug, s.Code, s.TitleEn }).FirstOrDefault(),
                Organisation = db.Organisations.Where(o => i.Kind == WatchKind.Organisation && o.Id == i.ItemId)
                    .Select(o => new { o.Slug, o.Name, o.Abbreviation }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => r.Kind switch
            {
                WatchKind.Sector => new Follow(r.Id, r.Kind, r.ItemId, r.Sector?.Slug, "", "", r.Sector?.Name ?? "(a sector that no longer exists)",
                    r.Sector is null ? null : $"/sectors/{r.Sector.Slug}", r.CreatedAt),
                WatchKind.Standard => new Follow(r.Id, r.Kind, r.ItemId, r.Standard?.Slug, "", "",
                    r.Standard is null ? "(a standard that no longer exists)" : r.Standard.Code is null ? r.Standard.TitleEn : $"{r.Standard.Code} {r.Standard.TitleEn}",
                    r.Standard is null ? null : $"/standards/{r.Standard.Slug}", r.CreatedAt),
                WatchKind.Organisation => new Follow(r.Id, r.Kind, r.ItemId, r.Organisation?.Slug, "", "",
                    r.Organisation is null ? "(an organisation that no longer exists)"
                        : r.Organisation.Abbreviation is null || r.Organisation.Abbreviation == r.Organisation.Name ? r.Organisation.Name : $"{r.Organisation.Name} ({r.Organisation.Abbreviation})",
                    r.Organisation is null ? null : $"/organisations/{r.Organisation.Slug}", r.CreatedAt),
                _ => new Follow(r.Id, r.Kind, null, null, r.Query, r.Filters, SavedSearch.Describe(r.Query, r.Filters), SavedSearch.Url(r.Query, r.Filters), r.CreatedAt),
            })
            .OrderBy(f => f.Kind).ThenBy(f => f.Name, StringComparer.OrdinalIgnoreCase)];
    }

    private const string ChangesSql = """
        WITH f AS (
            SELECT * FROM unnest(@ids, @kinds, @item_ids, @slugs, @tsqueries, @code_keys, @filter_kinds, @filter_sectors, @filter_authorities)
                AS f(id, kind, item_id, slug, tsq, code_key, filter_kinds, filter_sectors, filter_authorities)
        ),
        matched AS (
            SELECT e.id AS entry_id, f.id AS watch_id
            FROM f JOIN search_entries e ON e.sectors @> ARRAY[f.slug]
            WHERE f.kind = 'Sector'
            UNION ALL
            SELECT e.id, f.id
            FROM f JOIN search_entries e ON e.authorities @> ARRAY[f.slug]
            WHERE f.kind = 'Organisation'
            UNION ALL
            SELECT e.id, f.id
            FROM f JOIN search_entries e ON e.kind = 'Standard' AND e.item_id = f.item_id
            WHERE f.kind = 'Standard'
            UNION ALL
            SELECT e.id, f.id
            FROM f JOIN article_standards x ON x.standards_id = f.item_id
            JOIN search_entries e ON e.kind = 'Article' AND e.item_id = x.article_id
            WHERE f.kind = 'Standard'
            UNION ALL
            SELECT e.id, f.id
            FROM f JOIN search_entries e
                ON (f.tsq IS NOT NULL AND e.search_vector @@ to_tsquery('english', sesec_spelling(f.tsq)))
                OR (f.code_key IS NOT NULL AND e.code_key LIKE f.code_key || '%')
            WHERE f.kind = 'Search'
                AND (f.filter_kinds = '' OR e.kind = ANY (string_to_array(f.filter_kinds, ',')))
                AND (f.filter_sectors = '' OR e.sectors && string_to_array(f.filter_sectors, ','))
                AND (f.filter_authorities = '' OR e.authorities && string_to_array(f.filter_authorities, ','))
        ),
        items AS (
            SELECT entry_id, array_agg(DISTINCT watch_id ORDER BY watch_id) AS watch_ids FROM matched GROUP BY entry_id
        )
        SELECT e.kind, e.slug, e.title, e.code, e.date, t.at, i.watch_ids
        FROM items i
        JOIN search_entries e ON e.id = i.entry_id
        LEFT JOIN articles a ON e.kind = 'Article' AND a.id = e.item_id
        LEFT JOIN standards s ON e.kind = 'Standard' AND s.id = e.item_id
        LEFT JOIN policies p ON e.kind = 'Policy' AND p.id = e.item_id
        CROSS JOIN LATERAL (SELECT CASE e.kind WHEN 'Article' THEN GREATEST(a.published_at, a.updated_at)
            WHEN 'Standard' THEN s.changed_at WHEN 'Policy' THEN p.changed_at END AS at) t
        WHERE e.kind IN ('Article', 'Standard', 'Policy')
            AND (e.kind <> 'Article' OR a.status = 'Published')
            AND (@since IS NULL OR (t.at > @since AND t.at <= @until))
        ORDER BY t.at DESC NULLS LAST, e.date DESC NULLS LAST, e.id DESC
        LIMIT @limit
        """;

    /// <summary>
    /// What the follows match, newest change first: with <paramref name="since"/>, only what went online or changed in
    /// (since, until]; without, the latest whatever their time (records that never changed here by their own date).
    /// </summary>
    public static async Task<List<WatchedChange>> ChangesAsync(
        PortalDbContext db, IReadOnlyList<Follow> follows, DateTimeOffset? since, DateTimeOffset until, int limit, CancellationToken ct)
    {
        if (follows.Count == 0)
        {
            return [];
        }

        var searches = follows.Select(f =>
        {
            if (f.Kind != WatchKind.Search)
            {
                return (TsQuery: (string?)null, CodeKey: (string?)null);
            }

            var syntax = SearchSyntax.Parse(f.Query);
            return (TsQuery: syntax.TsQuery, CodeKey: StandardCode.TryParse(syntax.Text, out var code) ? (string?)code.Key : null);
        }).ToList();
        string Joined(Follow f, string key, Func<string, string?> map) =>
            string.Join(',', SavedSearch.Values(f.Filters, key).Select(map).OfType<string>());

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(ChangesSql, connection);
            command.Parameters.Add(Array("ids", NpgsqlDbType.Integer, follows.Select(f => f.Id).ToArray()));
            command.Parameters.Add(Array("kinds", NpgsqlDbType.Text, follows.Select(f => f.Kind.ToString()).ToArray()));
            command.Parameters.Add(Array("item_ids", NpgsqlDbType.Integer, follows.Select(f => f.ItemId ?? 0).ToArray()));
            command.Parameters.Add(Array("slugs", NpgsqlDbType.Text, follows.Select(f => f.Slug ?? "").ToArray()));
            command.Parameters.Add(Array("tsqueries", NpgsqlDbType.Text, searches.Select(s => s.TsQuery).ToArray()));
            command.Parameters.Add(Array("code_keys", NpgsqlDbType.Text, searches.Select(s => s.CodeKey).ToArray()));
            command.Parameters.Add(Array("filter_kinds", NpgsqlDbType.Text, follows.Select(f => Joined(f, "kind",
                k => SearchPortal.Kinds.TryGetValue(k, out var kind) ? kind.ToString() : null)).ToArray()));
            command.Parameters.Add(Array("filter_sectors", NpgsqlDbType.Text, follows.Select(f => Joined(f, "sector", s => s)).ToArray()));
            command.Parameters.Add(Array("filter_authorities", NpgsqlDbType.Text, follows.Select(f => Joined(f, "authority", a => a)).ToArray()));
            command.Parameters.Add(new NpgsqlParameter("since", NpgsqlDbType.TimestampTz) { Value = since is { } s ? s.ToUniversalTime() : DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("until", NpgsqlDbType.TimestampTz) { Value = until.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = limit });

            var reasons = follows.ToDictionary(f => f.Id, f => f.Reason);
            var changes = new List<WatchedChange>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var kind = Enum.Parse<SearchKind>(reader.GetString(0));
                var slug = reader.GetString(1);
                var title = reader.GetString(2);
                var code = reader.IsDBNull(3) ? null : reader.GetString(3);
                DateOnly? date = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4);
                DateTimeOffset? at = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5);
                var watchIds = reader.GetFieldValue<int[]>(6);
                changes.Add(new WatchedChange(
                    SearchPortal.KindSlug(kind), code is null || title.Contains(code, StringComparison.Ordinal) ? title : $"{code} {title}",
                    SearchPortal.UrlOf(kind, slug), date is { } d ? PartialDate.Format(d) : null, at,
                    [.. watchIds.Select(id => reasons[id])])
                {
                    Key = $"{SearchPortal.KindSlug(kind)}-{slug}",
                    On = at is { } changed ? DateOnly.FromDateTime(changed.UtcDateTime) : date,
                });
            }

            return changes;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// What is new or changed for a watchlist in (since, until], newest first, with its follows: the one answer to "what
    /// changed since" that the watchlist page (since the last visit) and the e-mail alerts (since the last alert) share.
    /// </summary>
    public static async Task<(List<Follow> Follows, List<WatchedChange> Changes)> ChangesSinceAsync(
        PortalDbContext db, int watchlistId, DateTimeOffset since, DateTimeOffset until, int limit, CancellationToken ct)
    {
        var follows = await FollowsAsync(db, watchlistId, ct);
        return (follows, await ChangesAsync(db, follows, since, until, limit, ct));
    }

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, T[] values) => new(name, NpgsqlDbType.Array | type) { Value = values };

    /// <summary>The display name of a sector, standard or organisation by id; null when there is none.</summary>
    public static async Task<string?> NameAsync(PortalDbContext db, WatchKind kind, int id, CancellationToken ct) => kind switch
    {
        WatchKind.Sector => await db.Sectors.Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync(ct),
        WatchKind.Standard => await db.Standards.Where(s => s.Id == id).Select(s => s.Code == null ? s.TitleEn : s.Code + " " + s.TitleEn).SingleOrDefaultAsync(ct),
        WatchKind.Organisation => await db.Organisations.Where(o => o.Id == id).Select(o => o.Abbreviation ?? o.Name).SingleOrDefaultAsync(ct),
        _ => null,
    };
}
