using System.Globalization;
using SesecPortal.Search;

namespace SesecPortal.UnitTests.Search;

/// <summary>Totals and facet counts against a LINQ count over the same documents, for random documents and filters (fixed seed).</summary>
public sealed class FacetPropertyTests : IDisposable
{
    private static readonly string[] Kinds = ["article", "policy", "standard"];
    private static readonly string[] Sectors = ["ict", "carbon", "iot", "ai", "cosmetics"];
    private static readonly string[] Authorities = ["miit", "samr", "cac"];
    private static readonly string[] Statuses = ["Published", "InForce", "Withdrawn", "Draft"];
    private static readonly string[] Words = ["carbon", "data", "security", "energy", "battery", "cloud"];

    private readonly TempIndex index = new();

    public void Dispose() => index.Dispose();

    private static List<SearchDocument> RandomDocuments(Random random, int count) =>
    [
        .. Enumerable.Range(1, count).Select(id =>
        {
            var kind = Kinds[random.Next(Kinds.Length)];
            var sectors = Sectors.Where(_ => random.NextDouble() < 0.35).ToArray();
            var facets = new Dictionary<string, IReadOnlyList<string>> { ["sector"] = sectors };
            if (random.NextDouble() < 0.7)
            {
                facets["authority"] = [Authorities[random.Next(Authorities.Length)]];
            }

            var date = random.NextDouble() < 0.9 ? new DateOnly(2015, 1, 1).AddDays(random.Next(4000)) : (DateOnly?)null;
            if (date is { } d)
            {
                facets["year"] = [d.Year.ToString(CultureInfo.InvariantCulture)];
            }

            var words = Words.Where(_ => random.NextDouble() < 0.4).ToArray();
            return new SearchDocument
            {
                Kind = kind, Id = id, Slug = $"{kind}-{id}", Title = $"Item {id} " + string.Join(' ', words),
                Summary = random.NextDouble() < 0.5 ? string.Join(' ', Words.Where(_ => random.NextDouble() < 0.2)) : null,
                Date = date,
                Status = kind == "article" ? null : Statuses[random.Next(Statuses.Length)],
                EffectiveOn = kind == "standard" && random.NextDouble() < 0.8 ? new DateOnly(2026, 1, 1).AddDays(random.Next(365)) : null,
                Facets = facets,
            };
        }),
    ];

    private static bool Holds(SearchDocument d, string word) =>
        (d.Title + " " + d.Summary).Split(' ').Contains(word, StringComparer.Ordinal);

    private static IEnumerable<string> FacetValues(SearchDocument d, string facet, DateOnly today) => facet switch
    {
        "kind" => [d.Kind],
        "status" => TempIndex.CurrentStatus(d.Kind, d.Status, d.EffectiveOn, today) is { } s ? [s] : [],
        _ => d.Facets.TryGetValue(facet, out var values) ? values.Distinct() : [],
    };

    /// <summary>Several batches, some replacing earlier documents, some deleting: several segments with deletions. Returns what is live.</summary>
    private Dictionary<(string Kind, int Id), SearchDocument> IndexWithReplacementsAndDeletions(Random random)
    {
        var documents = RandomDocuments(random, 1500);
        index.Index.Apply(documents[..600], [], "1");
        index.Index.Apply(documents[600..], [], "2");
        var replaced = documents.Where(_ => random.NextDouble() < 0.1).Select(d => d with { Title = d.Title + " cloud", Facets = new Dictionary<string, IReadOnlyList<string>>(d.Facets) { ["sector"] = ["ai"] } }).ToList();
        var deleted = documents.Where(_ => random.NextDouble() < 0.05).Select(d => (d.Kind, d.Id)).ToList();
        index.Index.Apply(replaced, deleted, "3");
        var live = documents.ToDictionary(d => (d.Kind, d.Id));
        foreach (var d in replaced)
        {
            live[(d.Kind, d.Id)] = d;
        }

        foreach (var key in deleted)
        {
            live.Remove(key);
        }

        return live;
    }

    /// <summary>Each of kind, sector, authority and status filtered three times in ten, on some of its values.</summary>
    private static Dictionary<string, IReadOnlyList<string>> RandomFilters(Random random)
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (facet, pool) in new[] { ("kind", Kinds), ("sector", Sectors), ("authority", Authorities), ("status", Statuses) })
        {
            if (random.NextDouble() < 0.3)
            {
                filters[facet] = [.. pool.Where(_ => random.NextDouble() < 0.5).DefaultIfEmpty(pool[0])];
            }
        }

        return filters;
    }

    [Fact]
    public void Totals_and_facet_counts_equal_a_count_over_the_documents()
    {
        var random = new Random(20261202);
        var live = IndexWithReplacementsAndDeletions(random);
        string[] facets = ["kind", "sector", "authority", "year", "status"];
        for (var round = 0; round < 60; round++)
        {
            var word = random.NextDouble() < 0.25 ? null : Words[random.Next(Words.Length)];
            var today = new DateOnly(2026, 1, 1).AddDays(random.Next(400));
            var filters = RandomFilters(random);
            var expected = live.Values
                .Where(d => word is null || Holds(d, word))
                .Where(d => filters.All(f => FacetValues(d, f.Key, today).Any(f.Value.Contains)))
                .ToList();

            var result = index.Index.Search(new SearchRequest
            {
                Syntax = SearchSyntax.Parse(word), Filters = filters, Today = today, CountFacets = facets, MaxFacetValues = 100, PageSize = 10,
            });

            result.Total.ShouldBe(expected.Count, $"round {round}: {word} {string.Join(';', filters.Select(f => f.Key + "=" + string.Join(',', f.Value)))}");
            foreach (var facet in facets)
            {
                var counts = expected.SelectMany(d => FacetValues(d, facet, today)).GroupBy(v => v)
                    .Select(g => new FacetCount(g.Key, g.Count()));
                // By count then value; years by value, latest first.
                var ordered = facet == "year"
                    ? counts.OrderByDescending(c => c.Value, StringComparer.Ordinal)
                    : counts.OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal);
                result.Facets[facet].ShouldBe([.. ordered], $"round {round}, facet {facet}");
            }

            if (word is null)
            {
                // Browse: newest first, undated last.
                var dates = result.Hits.Select(h => h.Date ?? DateOnly.MinValue).ToList();
                dates.ShouldBe([.. dates.OrderByDescending(x => x)]);
            }
        }
    }
}
