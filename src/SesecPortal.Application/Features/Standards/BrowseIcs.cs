using Mediator;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Search;
using SesecPortal.Search;

namespace SesecPortal.Application.Features.Standards;

/// <summary>
/// The ICS tree (7th edition) with the number of standards at every level: a group counts every standard classified in it
/// or in a group below it. All counts come from one count of the search index's <c>ics</c> facet (each standard is indexed
/// with its groups and their ancestors), the same counts the standards finder shows.
/// </summary>
public static class BrowseIcs
{
    /// <summary>The whole tree's top (<paramref name="Code"/> null) or one group.</summary>
    public sealed record Query(string? Code = null) : IQuery<Result?>;

    public sealed record Group(string Code, string Title, string? Notes, int Count)
    {
        /// <summary>The groups just below it, in code order (on the tree's top page: those with standards).</summary>
        public IReadOnlyList<Group> Children { get; init; } = [];
    }

    /// <param name="Current">The group asked for; null on the tree's top page.</param>
    /// <param name="Ancestors">The groups above it, field first.</param>
    /// <param name="Groups">On the top page the fields (each with its groups that hold standards); else the groups just below.</param>
    public sealed record Result(Group? Current, IReadOnlyList<Group> Ancestors, IReadOnlyList<Group> Groups, int Total);

    public sealed class Handler(PortalSearchIndex search, TimeProvider clock) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var code = query.Code?.Trim();
            if (code is not null && Classification.FindIcs(code) is null)
            {
                return null;
            }

            var (counts, total) = await CountAsync(search, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
            Group Of(Classification.IcsEntry e) => new(e.Code, e.Title, e.Notes, counts.GetValueOrDefault(e.Code));
            IEnumerable<Classification.IcsEntry> Below(string? parent) => Classification.IcsGroups.Where(g => g.Parent == parent).OrderBy(g => g.Code, StringComparer.Ordinal);
            if (code is null)
            {
                return new Result(null, [],
                    [.. Below(null).Select(f => Of(f) with { Children = [.. Below(f.Code).Select(Of).Where(g => g.Count > 0)] })], total);
            }

            var current = Classification.FindIcs(code)!;
            var ancestors = Classification.IcsWithAncestors(code).SkipLast(1).Select(c => Of(Classification.FindIcs(c)!)).ToList();
            return new Result(Of(current), ancestors, [.. Below(code).Select(Of)], total);
        }
    }

    /// <summary>The number of standards in each ICS code that has any (a group counts those below it), and all standards.</summary>
    public static async Task<(Dictionary<string, int> Counts, int Standards)> CountAsync(PortalSearchIndex search, DateOnly today, CancellationToken ct)
    {
        var results = await search.SearchAsync(new SearchRequest
        {
            Filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["kind"] = [SearchDocuments.KindName(ItemKind.Standard)] },
            Today = today,
            PageSize = 0,
            CountFacets = [ClassificationFacets.IcsFacet],
            MaxFacetValues = 100_000,
        }, ct);

        var counts = (results.Facets.GetValueOrDefault(ClassificationFacets.IcsFacet) ?? []).ToDictionary(c => c.Value, c => c.Count, StringComparer.Ordinal);
        return (counts, results.Total);
    }
}
