using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Search;
using SesecPortal.Search;
using Engine = SesecPortal.Search;

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
/// What the watchlist page, the private feed and the alerts share: the follows of a watchlist with their names (one
/// statement), and what they match in this instance's search index (one search per follow): articles, standards and
/// policies in followed sectors, by or naming followed organisations, followed standards and the articles about them, and
/// what saved searches find, exactly as /search finds it. Each item's change time is in its index document (an article's
/// publication or update, a standard's or policy's last edit), so the (since, until] window and the order are the index's.
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

    public static async Task<List<Follow>> FollowsAsync(PortalDbContext db, IPortalAddresses addresses, int watchlistId, CancellationToken ct)
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
                    r.Sector is null ? null : addresses.Page(new ItemRef(ItemKind.Sector, r.Sector.Slug)), r.CreatedAt),
                WatchKind.Standard => new Follow(r.Id, r.Kind, r.ItemId, r.Standard?.Slug, "", "",
                    r.Standard is null ? "(a standard that no longer exists)" : r.Standard.Code is null ? r.Standard.TitleEn : $"{r.Standard.Code} {r.Standard.TitleEn}",
                    r.Standard is null ? null : addresses.Page(new ItemRef(ItemKind.Standard, r.Standard.Slug)), r.CreatedAt),
                WatchKind.Organisation => new Follow(r.Id, r.Kind, r.ItemId, r.Organisation?.Slug, "", "",
                    r.Organisation is null ? "(an organisation that no longer exists)"
                        : r.Organisation.Abbreviation is null || r.Organisation.Abbreviation == r.Organisation.Name ? r.Organisation.Name : $"{r.Organisation.Name} ({r.Organisation.Abbreviation})",
                    r.Organisation is null ? null : addresses.Page(new ItemRef(ItemKind.Organisation, r.Organisation.Slug)), r.CreatedAt),
                _ => new Follow(r.Id, r.Kind, null, null, r.Query, r.Filters, SavedSearch.Describe(r.Query, r.Filters), addresses.Search(r.Query, r.Filters), r.CreatedAt),
            })
            .OrderBy(f => f.Kind).ThenBy(f => f.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>What a watchlist lists: articles, standards and policies (not committees or organisations).</summary>
    private static readonly IReadOnlyList<string> ListedKinds = ["article", "standard", "policy"];

    /// <summary>
    /// What the follows match, newest change first: with <paramref name="since"/>, only what went online or changed in
    /// (since, until]; without, the latest whatever their time (records that never changed here by their own date).
    /// One index search per follow, each bounded by <paramref name="limit"/> in the same total order (change time, date,
    /// key), merged here with the reasons of every follow that found an item: the first <paramref name="limit"/> of the
    /// merge are the first of all the matches.
    /// </summary>
    public static async Task<List<WatchedChange>> ChangesAsync(
        PortalDbContext db, PortalSearchIndex search, IPortalAddresses addresses, IReadOnlyList<Follow> follows, DateTimeOffset? since, DateTimeOffset until, int limit, CancellationToken ct)
    {
        if (follows.Count == 0 || limit <= 0)
        {
            return [];
        }

        var requests = await RequestsAsync(db, follows, since, until, limit, ct);
        var found = new Dictionary<(string Kind, int Id), (SearchHit Hit, List<Follow> By)>();
        var results = await search.SearchAsync(requests.Select(r => r.Request), ct);
        foreach (var ((follow, _), result) in requests.Zip(results))
        {
            foreach (var hit in result.Hits)
            {
                if (found.TryGetValue((hit.Kind, hit.Id), out var known))
                {
                    known.By.Add(follow);
                }
                else
                {
                    found[(hit.Kind, hit.Id)] = (hit, [follow]);
                }
            }
        }

        return [.. found.Values
            .OrderByDescending(f => f.Hit.ChangedAt.HasValue).ThenByDescending(f => f.Hit.ChangedAt)
            .ThenByDescending(f => f.Hit.Date.HasValue).ThenByDescending(f => f.Hit.Date)
            .ThenByDescending(f => IndexKey(f.Hit), StringComparer.Ordinal)
            .Take(limit)
            .Select(f => Change(addresses, f.Hit, f.By))];
    }

    /// <summary>The index's key of a hit ("article:12"): the last tie-break, as the index sorts it.</summary>
    private static string IndexKey(SearchHit hit) => hit.Kind + ":" + SearchDocuments.Id(hit.Id);

    private static WatchedChange Change(IPortalAddresses addresses, SearchHit hit, List<Follow> by)
    {
        var kind = SearchPortal.Kinds[hit.Kind];
        var title = hit.Code is null || hit.Title.Contains(hit.Code, StringComparison.Ordinal) ? hit.Title : $"{hit.Code} {hit.Title}";
        return new WatchedChange(hit.Kind, title, addresses.Page(ItemRef.Of(kind, hit.Slug)), hit.Date is { } d ? PartialDate.Format(d) : null, hit.ChangedAt,
            [.. by.OrderBy(f => f.Id).Select(f => f.Reason)])
        {
            Key = $"{hit.Kind}-{hit.Slug}",
            On = hit.ChangedAt is { } changed ? DateOnly.FromDateTime(changed.UtcDateTime) : hit.Date,
        };
    }

    /// <summary>
    /// Each follow as an index request: a sector, an organisation or a standard as the facet filter of its id (a standard's
    /// facet holds it and the articles about it); a saved search as /search asks it (<see cref="SearchPortal.RequestFor"/>:
    /// the same words, spellings, prefixes, typo rule and filters, its sectors and authorities read by slug in one
    /// statement each for all the searches). All narrowed to the kinds a watchlist lists and the change-time window.
    /// A follow whose sector, standard or organisation is gone matches nothing.
    /// </summary>
    private static async Task<List<(Follow Follow, SearchRequest Request)>> RequestsAsync(
        PortalDbContext db, IReadOnlyList<Follow> follows, DateTimeOffset? since, DateTimeOffset until, int limit, CancellationToken ct)
    {
        var searches = follows.Where(f => f.Kind == WatchKind.Search).ToList();
        var sectorSlugs = searches.SelectMany(f => SavedSearch.Values(f.Filters, "sector")).Distinct().ToList();
        var authoritySlugs = searches.SelectMany(f => SavedSearch.Values(f.Filters, "authority")).Distinct().ToList();
        var sectors = sectorSlugs.Count == 0 ? new Dictionary<string, int>() : await db.Sectors.AsNoTracking().Where(s => sectorSlugs.Contains(s.Slug))
            .Select(s => new { s.Slug, s.Id }).ToDictionaryAsync(s => s.Slug, s => s.Id, StringComparer.Ordinal, ct);
        var authorities = authoritySlugs.Count == 0 ? new Dictionary<string, int>() : await db.Organisations.AsNoTracking().Where(o => authoritySlugs.Contains(o.Slug))
            .Select(o => new { o.Slug, o.Id }).ToDictionaryAsync(o => o.Slug, o => o.Id, StringComparer.Ordinal, ct);

        var today = DateOnly.FromDateTime(until.UtcDateTime);
        var window = new SearchWindow { Kinds = ListedKinds, ChangedAfter = since, ChangedUntil = since is null ? null : until };
        SearchRequest Facet(string facet, int id) => new()
        {
            Filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [facet] = [SearchDocuments.Id(id)] },
            Today = today,
        };

        var requests = new List<(Follow, SearchRequest)>();
        foreach (var follow in follows)
        {
            SearchRequest? request;
            if (follow.Kind == WatchKind.Search)
            {
                var knownSectors = SavedSearch.Values(follow.Filters, "sector").Where(sectors.ContainsKey).ToList();
                var knownAuthorities = SavedSearch.Values(follow.Filters, "authority").Where(authorities.ContainsKey).ToList();
                var filters = new SearchPortal.Filters(SearchPortal.KnownKinds(SavedSearch.Values(follow.Filters, "kind")), knownSectors, [], knownAuthorities, []);
                request = SearchPortal.RequestFor(Engine.SearchSyntax.Parse(follow.Query), filters,
                    [.. knownSectors.Select(s => sectors[s])], [.. knownAuthorities.Select(a => authorities[a])], today);
            }
            else
            {
                request = follow is { Slug: not null, ItemId: { } id } ? follow.Kind switch
                {
                    WatchKind.Sector => Facet("sector", id),
                    WatchKind.Organisation => Facet("authority", id),
                    WatchKind.Standard => Facet("standard", id),
                    _ => null,
                } : null;
            }

            if (request is not null)
            {
                requests.Add((follow, request with
                {
                    Within = window, Sort = SearchSort.Changed, Page = 1, PageSize = limit, WidenBelow = SearchPortal.PageSize, CountFacets = [],
                }));
            }
        }

        return requests;
    }

    /// <summary>
    /// What is new or changed for a watchlist in (since, until], newest first, with its follows: the one answer to "what
    /// changed since" that the watchlist page (since the last visit) and the e-mail alerts (since the last alert) share.
    /// </summary>
    public static async Task<(List<Follow> Follows, List<WatchedChange> Changes)> ChangesSinceAsync(
        PortalDbContext db, PortalSearchIndex search, IPortalAddresses addresses, int watchlistId, DateTimeOffset since, DateTimeOffset until, int limit, CancellationToken ct)
    {
        var follows = await FollowsAsync(db, addresses, watchlistId, ct);
        return (follows, await ChangesAsync(db, search, addresses, follows, since, until, limit, ct));
    }

    /// <summary>The display name of a sector, standard or organisation by id; null when there is none.</summary>
    public static async Task<string?> NameAsync(PortalDbContext db, WatchKind kind, int id, CancellationToken ct) => kind switch
    {
        WatchKind.Sector => await db.Sectors.Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync(ct),
        WatchKind.Standard => await db.Standards.Where(s => s.Id == id).Select(s => s.Code == null ? s.TitleEn : s.Code + " " + s.TitleEn).SingleOrDefaultAsync(ct),
        WatchKind.Organisation => await db.Organisations.Where(o => o.Id == id).Select(o => o.Abbreviation ?? o.Name).SingleOrDefaultAsync(ct),
        _ => null,
    };
}
