using Lucene.Net.Store;
using SesecPortal.Search;
using static SesecPortal.UnitTests.Search.TempIndex;

namespace SesecPortal.UnitTests.Search;

/// <summary>Rebuilds, warming and searches while batches are applied.</summary>
public sealed class SearchIndexRebuildTests : IDisposable
{
    private readonly TempIndex index = new();

    public void Dispose() => index.Dispose();

    [Fact]
    public void Searches_answer_from_the_old_contents_until_the_rebuild_completes()
    {
        index.Index.Apply([Article(1, "Carbon market"), Article(2, "Carbon tax")], [], "10");

        var rebuild = index.Index.BeginRebuild();
        rebuild.Add([Article(3, "Methane rules")]);
        rebuild.Add([.. Enumerable.Range(10, 200).Select(i => Article(i, $"Hydrogen {i}"))]);

        index.Titles("carbon").ShouldBe(["Carbon market", "Carbon tax"], ignoreOrder: true);
        index.Titles("methane").ShouldBeEmpty();
        index.Index.Position.ShouldBe("10");

        rebuild.Complete("20");
        rebuild.Dispose();

        index.Titles("carbon").ShouldBeEmpty();
        index.Titles("methane").ShouldBe(["Methane rules"]);
        index.Search("hydrogen").Total.ShouldBe(200);
        index.Index.Position.ShouldBe("20");
    }

    [Fact]
    public void An_abandoned_rebuild_leaves_the_old_contents()
    {
        index.Index.Apply([Article(1, "Carbon market")], [], "10");

        using (var rebuild = index.Index.BeginRebuild())
        {
            rebuild.Add([Article(3, "Methane rules")]);
        }

        index.Titles("carbon").ShouldBe(["Carbon market"]);
        index.Reopen();
        index.Titles("carbon").ShouldBe(["Carbon market"]);
        index.Titles("methane").ShouldBeEmpty();
        index.Index.Position.ShouldBe("10");
    }

    [Fact]
    public void A_rebuild_interrupted_by_a_crash_leaves_the_old_commit()
    {
        index.Index.Apply([Article(1, "Carbon market")], [], "10");
        var rebuild = index.Index.BeginRebuild();
        rebuild.Add([.. Enumerable.Range(10, 500).Select(i => Article(i, $"Hydrogen {i}"))]);

        // The process dies: nothing more is committed. Disposing the index is what a restart would find.
        index.Reopen();

        index.Titles("carbon").ShouldBe(["Carbon market"]);
        index.Search("hydrogen").Total.ShouldBe(0);
        index.Index.Position.ShouldBe("10");
    }

    [Fact]
    public void Changes_wait_for_a_rebuild_under_way()
    {
        using var rebuild = index.Index.BeginRebuild();

        Should.Throw<InvalidOperationException>(() => index.Index.Apply([Article(1, "Carbon")], [], "1"));
        Should.Throw<InvalidOperationException>(() => index.Index.BeginRebuild());
    }

    [Fact]
    public void Warming_a_built_index_leaves_it_answering()
    {
        index.Index.Apply([Article(1, "Carbon market")], [], "1");

        index.Index.Warm();

        index.Titles("carbon").ShouldBe(["Carbon market"]);
    }

    [Fact]
    public async Task Many_searches_run_while_batches_are_applied()
    {
        index.Index.Apply([.. Enumerable.Range(1, 100).Select(i => Article(i, $"Carbon {i}"))], [], "0");
        using var stop = new CancellationTokenSource();
        var errors = 0;
        var searches = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested || n < 10)
            {
                var total = index.Search("carbon", r => r.CountFacets.Add("kind")).Total;
                if (total < 100)
                {
                    Interlocked.Increment(ref errors);
                }

                n++;
            }
        }, TestContext.Current.CancellationToken)).ToList();

        for (var batch = 1; batch <= 20; batch++)
        {
            index.Index.Apply([Article(1000 + batch, $"Carbon extra {batch}")], [], batch.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        stop.Cancel();
        await Task.WhenAll(searches);

        errors.ShouldBe(0);
        index.Search("carbon").Total.ShouldBe(120);
    }

    [Fact]
    public void An_index_in_memory_works_like_one_on_disk()
    {
        using var memory = SearchIndex.Open(new RAMDirectory(), Options);
        memory.Apply([Article(1, "Carbon market")], [], "1");

        memory.Search(new SearchRequest { Syntax = SearchSyntax.Parse("carbon") }).Total.ShouldBe(1);
    }
}
