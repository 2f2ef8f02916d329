using System.Globalization;
using SesecPortal.Search;

namespace SesecPortal.UnitTests.Search;

/// <summary>
/// The bitmap execution (clause bitmaps, block bounds, only the promising blocks scored) against Lucene scoring and counting
/// every match, on the same searcher: for random documents in several segments with deletions and random searches
/// (words, phrases, "or", exclusions, prefixes, typos, filters, every sort, pages, status weights), the totals, every facet
/// count, the hits in order and their scores are the same.
/// </summary>
public sealed class BitmapExecutionTests : IDisposable
{
    private static readonly string[] Kinds = ["article", "policy", "standard"];
    private static readonly string[] Sectors = ["ict", "carbon", "iot", "ai"];
    private static readonly string[] Statuses = ["Published", "InForce", "Withdrawn", "Draft"];
    private static readonly string[] Words = ["carbon", "data", "security", "energy", "battery", "cloud", "storage", "market", "network", "safety"];
    private static readonly string[] Facets = ["kind", "sector", "status", "year"];
    private static readonly SearchSort[] Sorts = [SearchSort.Default, SearchSort.Relevance, SearchSort.Relevance, SearchSort.Newest, SearchSort.Code, SearchSort.Title, SearchSort.Changed];

    private static readonly SearchIndexOptions Weighted = TempIndex.Options with
    {
        StatusWeights = new Dictionary<string, float> { ["InForce"] = 1.2f, ["Withdrawn"] = 0.5f, ["Draft"] = 0.8f },
    };

    private readonly TempIndex index = new(Weighted);

    public void Dispose() => index.Dispose();

    private static string Text(Random random, int min, int max) =>
        string.Join(' ', Enumerable.Range(0, random.Next(min, max)).Select(_ => Words[(int)Math.Floor(Math.Pow(random.NextDouble(), 1.6) * Words.Length)]));

    private static List<SearchDocument> RandomDocuments(Random random, int count) =>
    [
        .. Enumerable.Range(1, count).Select(id =>
        {
            var kind = Kinds[random.Next(Kinds.Length)];
            var date = new DateOnly(2015, 1, 1).AddDays(random.Next(4000));
            return new SearchDocument
            {
                Kind = kind, Id = id, Slug = $"{kind}-{id}", Title = $"Item {id} {Text(random, 1, 5)}",
                Code = kind == "standard" ? $"GB/T {random.Next(100, 999)}.{id}" : null,
                Summary = random.NextDouble() < 0.6 ? Text(random, 2, 12) : null,
                Body = random.NextDouble() < 0.5 ? Text(random, 5, 60) : null,
                Date = date,
                ChangedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(100_000)),
                Status = kind == "article" ? null : Statuses[random.Next(Statuses.Length)],
                EffectiveOn = kind == "standard" && random.NextDouble() < 0.8 ? new DateOnly(2026, 1, 1).AddDays(random.Next(365)) : null,
                Facets = new Dictionary<string, IReadOnlyList<string>>
                {
                    ["sector"] = Sectors.Where(_ => random.NextDouble() < 0.35).ToArray(),
                    ["year"] = [date.Year.ToString(CultureInfo.InvariantCulture)],
                },
            };
        }),
    ];

    private static string RandomQuery(Random random)
    {
        string Word() => Words[random.Next(Words.Length)];
        string Typo(string word) => word.Remove(random.Next(1, word.Length), 1);
        return random.Next(12) switch
        {
            9 => Typo(Word()),
            10 => $"{Typo(Word())} {Word()}",
            11 => $"{Typo(Word())} zzqx",
            0 => "",
            1 => Word(),
            2 => $"{Word()} {Word()}",
            3 => $"\"{Word()} {Word()}\"",
            4 => $"{Word()} or {Word()}",
            5 => $"{Word()} -{Word()}",
            6 => Word()[..random.Next(3, 5)],
            7 => $"{Word()} {Word()[..3]}",
            _ => $"-{Word()}",
        };
    }

    private static SearchRequest RandomRequest(Random random)
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>();
        if (random.NextDouble() < 0.3)
        {
            filters["sector"] = [Sectors[random.Next(Sectors.Length)]];
        }

        if (random.NextDouble() < 0.2)
        {
            filters["kind"] = [Kinds[random.Next(Kinds.Length)], Kinds[random.Next(Kinds.Length)]];
        }

        if (random.NextDouble() < 0.25)
        {
            filters["status"] = [Statuses[random.Next(Statuses.Length)], "InForce"];
        }

        return new SearchRequest
        {
            Syntax = SearchSyntax.Parse(RandomQuery(random)),
            Filters = filters,
            Today = TempIndex.Today,
            Sort = Sorts[random.Next(Sorts.Length)],
            Page = random.Next(1, 4),
            PageSize = random.Next(1, 4) * 7,
            WidenBelow = random.NextDouble() < 0.5 ? 1000 : null,
            CountFacets = [.. Facets.Where(_ => random.NextDouble() < 0.7)],
            StatusCountsIgnoreStatusFilter = random.NextDouble() < 0.3,
            Within = random.NextDouble() < 0.1
                ? new SearchWindow { Kinds = ["article", "standard"], ChangedAfter = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero) }
                : null,
        };
    }

    private SearchResults Run(SearchRequest request, int clauseCacheMB) =>
        index.Index.WithSearcher(searcher => new SearchRun(searcher, request, Weighted with { ClauseCacheMB = clauseCacheMB }).Run());

    private static void ShouldBeTheSame(SearchResults bitmaps, SearchResults lucene, string what)
    {
        bitmaps.Total.ShouldBe(lucene.Total, what);
        bitmaps.Widened.ShouldBe(lucene.Widened, what);
        bitmaps.Approximate.ShouldBe(lucene.Approximate, what);
        bitmaps.Hits.Select(h => (h.Kind, h.Id, h.Score)).ShouldBe(lucene.Hits.Select(h => (h.Kind, h.Id, h.Score)), what);
        bitmaps.Facets.Keys.Order().ShouldBe(lucene.Facets.Keys.Order(), what);
        foreach (var (name, counts) in lucene.Facets)
        {
            bitmaps.Facets[name].ShouldBe(counts, $"{what}, facet {name}");
        }
    }

    [Fact]
    public void Random_searches_give_the_same_totals_facets_hits_and_scores_as_scoring_every_match()
    {
        var random = new Random(20261204);
        var documents = RandomDocuments(random, 4000);
        index.Index.Apply(documents[..1500], [], "1");
        index.Index.Apply(documents[1500..2800], [], "2");
        index.Index.Apply(documents[2800..], [(documents[3].Kind, documents[3].Id)], "3");
        var replaced = documents.Where(_ => random.NextDouble() < 0.08).Select(d => d with { Title = d.Title + " cloud" }).ToList();
        index.Index.Apply(replaced, [.. documents.Where(_ => random.NextDouble() < 0.04).Select(d => (d.Kind, d.Id))], "4");
        index.Index.WithSearcher(s => s.IndexReader.Leaves.Count).ShouldBeGreaterThan(1);

        var scoredSomething = 0;
        var approximate = 0;
        for (var i = 0; i < 400; i++)
        {
            var request = RandomRequest(random);
            var what = $"search {i}: \"{request.Syntax}\" sort {request.Sort} page {request.Page}×{request.PageSize}, filters {string.Join(';', request.Filters.Select(f => f.Key + "=" + string.Join(',', f.Value)))}";
            var lucene = Run(request, clauseCacheMB: 0);
            var bitmaps = Run(request, clauseCacheMB: 64);
            ShouldBeTheSame(bitmaps, lucene, what);
            scoredSomething += lucene.Hits.Count > 0 && lucene.Hits[0].Score > 0 ? 1 : 0;
            approximate += lucene.Approximate ? 1 : 0;
        }

        scoredSomething.ShouldBeGreaterThan(100);
        approximate.ShouldBeGreaterThan(10);
        index.Index.WithSearcher(s => ((PortalSearcher)s).Clauses!.Bytes).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_word_matching_most_documents_ranks_the_same_and_scores_only_a_few_blocks()
    {
        var random = new Random(7);
        var documents = RandomDocuments(random, 6000).Select(d => d with { Title = d.Title + " standard" }).ToList();
        index.Index.Apply(documents, [], "1");
        var request = new SearchRequest { Syntax = SearchSyntax.Parse("standard carbon"), Today = TempIndex.Today, CountFacets = [.. Facets] };

        ShouldBeTheSame(Run(request, clauseCacheMB: 64), Run(request, clauseCacheMB: 0), "standard carbon");
    }

    [Fact]
    public void A_batch_that_changes_no_document_keeps_the_searcher_and_what_it_learnt_and_a_real_change_starts_afresh()
    {
        index.Index.Apply(RandomDocuments(new Random(5), 500), [], "1");
        var request = new SearchRequest { Syntax = SearchSyntax.Parse("carbon data"), Today = TempIndex.Today };
        index.Index.Search(request);
        var before = index.Index.WithSearcher(s => s);

        index.Index.Apply([], [], "2");

        index.Index.WithSearcher(s => s).ShouldBeSameAs(before);
        ((PortalSearcher)before).Clauses!.Bytes.ShouldBeGreaterThan(0);
        index.Index.Position.ShouldBe("2");

        index.Index.Apply([TempIndex.Article(9999, "Carbon data exchange")], [], "3");
        index.Index.WithSearcher(s => s).ShouldNotBeSameAs(before);
        index.Index.Search(request).Hits.ShouldContain(h => h.Id == 9999);
        index.Reopen().Position.ShouldBe("3");
    }

    [Fact]
    public void The_cache_stays_within_its_bound_dropping_the_clauses_used_longest_ago()
    {
        index.Index.Apply(RandomDocuments(new Random(3), 3000), [], "1");
        var cache = new ClauseCache(capacityBytes: 2_000);
        index.Index.WithSearcher(searcher =>
        {
            foreach (var word in Words)
            {
                cache.Matches(searcher, new Lucene.Net.Search.TermQuery(new Lucene.Net.Index.Term(Fields.All, word)));
                cache.Bytes.ShouldBeLessThanOrEqualTo(2_000);
            }

            var again = cache.Matches(searcher, new Lucene.Net.Search.TermQuery(new Lucene.Net.Index.Term(Fields.All, Words[^1])));
            again.Sum(w => w.Sum(x => long.PopCount(x))).ShouldBeGreaterThan(0);
            return 0;
        });
    }
}
