using SesecPortal.Application.Features.OpenData;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.IntegrationTests.Search;

/// <summary>
/// Relevance (issue 17 §3): realistic reader queries (relevance-queries.tsv) put the item they look for in the first
/// three results, over the seed alone and with a generated corpus imported beside it.
/// </summary>
public sealed class RelevanceTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    public static IReadOnlyList<(string Query, string Url)> Queries { get; } = [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Search", "relevance-queries.tsv"))
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split('\t'))
        .Select(p => (p[0], p[1]))];

    [Fact]
    public async Task Every_reader_query_finds_its_item_in_the_first_three_results()
    {
        (await MissesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_reader_query_still_finds_its_item_with_the_benchmark_corpus_beside_the_seed()
    {
        var corpus = await OpenDataCorpus.GenerateAsync(articles: 1200, standards: 600, policies: 200);
        (await SendAsync(new ImportContent.Command(new MemoryStream(corpus)))).ErrorCount.ShouldBe(0);

        (await MissesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public void The_query_set_has_thirty_queries_or_more()
    {
        Queries.Count.ShouldBeGreaterThanOrEqualTo(30);
    }

    private async Task<List<string>> MissesAsync()
    {
        var misses = new List<string>();
        foreach (var (query, url) in Queries)
        {
            var result = await SendAsync(new SearchPortal.Query(query));
            var top = result.Hits.Take(3).Select(h => h.Url).ToList();
            if (!top.Contains(url))
            {
                var rank = result.Hits.Select(h => h.Url).ToList().IndexOf(url) + 1;
                misses.Add($"“{query}” → {url} {(rank > 0 ? $"ranked {rank}" : "not on the first page")} of {result.Total}; the top three: {string.Join(", ", top)}");
            }
        }

        return misses;
    }
}
