using Lucene.Net.Store;
using SesecPortal.Search;
using static SesecPortal.UnitTests.Search.TempIndex;

namespace SesecPortal.UnitTests.Search;

public sealed class SearchIndexTests : IDisposable
{
    private readonly TempIndex index = new();

    public void Dispose() => index.Dispose();

    [Fact]
    public void A_new_folder_gets_an_empty_index_that_needs_a_rebuild()
    {
        index.Index.NeedsRebuild.ShouldBeTrue();
        index.Index.Position.ShouldBeNull();
        index.Index.DocumentCount.ShouldBe(0);
    }

    [Fact]
    public void Batches_applied_to_a_new_index_do_not_make_a_rebuild_unnecessary()
    {
        index.Index.Apply([Article(1, "Carbon market")], [], "1");

        index.Index.NeedsRebuild.ShouldBeTrue();
        index.Reopen().NeedsRebuild.ShouldBeTrue();
    }

    [Fact]
    public void An_applied_batch_is_searchable_and_its_position_survives_a_reopen()
    {
        index.Index.Apply([Article(1, "Carbon market")], [], "42");

        index.Titles("carbon").ShouldBe(["Carbon market"]);
        index.Reopen();
        index.Index.Position.ShouldBe("42");
        index.Titles("carbon").ShouldBe(["Carbon market"]);
    }

    [Fact]
    public void An_upsert_replaces_the_document_with_the_same_kind_and_id()
    {
        index.Index.Apply([Article(1, "Carbon market")], [], "1");
        index.Index.Apply([Article(1, "Methane rules")], [], "2");

        index.Titles("carbon").ShouldBeEmpty();
        index.Titles("methane").ShouldBe(["Methane rules"]);
        index.Index.DocumentCount.ShouldBe(1);
    }

    [Fact]
    public void A_large_batch_indexed_on_several_threads_keeps_one_document_a_key_and_the_last_of_a_repeated_key_wins()
    {
        using var parallel = new TempIndex(Options with { IndexingThreads = 4 });
        var batch = Enumerable.Range(1, 600).Select(i => Article(i, $"Hydrogen storage {i}"))
            .Concat([Article(5, "Methane rules first"), Article(600, "Methane rules first"), Article(5, "Ammonia rules last")]).ToList();

        parallel.Index.Apply(batch, [], "1");

        parallel.Index.DocumentCount.ShouldBe(600);
        parallel.Search("hydrogen").Total.ShouldBe(598);
        parallel.Titles("ammonia").ShouldBe(["Ammonia rules last"]);
        parallel.Titles("methane").ShouldBe(["Methane rules first"]);
        parallel.Reopen().DocumentCount.ShouldBe(600);
    }

    [Fact]
    public void A_failure_on_one_of_several_threads_surfaces_as_itself_and_commits_nothing()
    {
        using var parallel = new TempIndex(Options with { IndexingThreads = 4 });
        parallel.Index.Apply([Article(1, "Carbon market")], [], "1");
        var batch = Enumerable.Range(2, 300).Select(i => Article(i, $"Hydrogen storage {i}")).Append(new SearchDocument { Kind = "article", Id = 999, Slug = "x", Title = null! }).ToList();

        Should.Throw<Exception>(() => parallel.Index.Apply(batch, [], "2")).ShouldNotBeOfType<AggregateException>();

        parallel.Index.Position.ShouldBe("1");
        parallel.Search("hydrogen").Total.ShouldBe(0);
        parallel.Index.Apply([Article(2, "Hydrogen storage 2")], [], "2");
        parallel.Index.DocumentCount.ShouldBe(2);
    }

    [Fact]
    public void The_same_id_of_another_kind_is_another_document()
    {
        index.Index.Apply([Article(1, "Carbon article"), Standard(1, "GB 1-2020", "Carbon standard")], [], "1");

        index.Index.DocumentCount.ShouldBe(2);
    }

    [Fact]
    public void A_delete_removes_the_document_from_search()
    {
        index.Index.Apply([Article(1, "Carbon market"), Article(2, "Carbon tax")], [], "1");
        index.Index.Apply([], [("article", 1)], "2");

        index.Titles("carbon").ShouldBe(["Carbon tax"]);
        index.Index.Position.ShouldBe("2");
    }

    [Fact]
    public void Applying_the_same_batch_twice_leaves_one_document_per_key()
    {
        SearchDocument[] batch = [Article(1, "Carbon market"), Article(2, "Carbon tax"), Article(1, "Carbon market")];
        index.Index.Apply(batch, [], "5");
        index.Index.Apply(batch, [], "5");

        index.Index.DocumentCount.ShouldBe(2);
        index.Search("carbon").Total.ShouldBe(2);
    }

    [Fact]
    public void An_index_made_by_another_schema_version_needs_a_rebuild_and_still_answers()
    {
        using (var rebuild = index.Index.BeginRebuild())
        {
            rebuild.Add([Article(1, "Carbon market")]);
            rebuild.Complete("7");
        }

        index.Reopen().NeedsRebuild.ShouldBeFalse();
        index.Index.Dispose();
        using (var directory = FSDirectory.Open(index.Path))
        using (var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, null)))
        {
            writer.SetCommitData(new Dictionary<string, string> { ["schema"] = "0", ["position"] = "7" });
            writer.Commit();
        }

        var reopened = index.Reopen();

        reopened.NeedsRebuild.ShouldBeTrue();
        reopened.Position.ShouldBe("7");
        reopened.Search(new SearchRequest()).Total.ShouldBe(1);
        index.Titles("carbon").ShouldBe(["Carbon market"]);
    }

    [Fact]
    public void A_completed_rebuild_brings_the_schema_up_to_date()
    {
        using (var rebuild = index.Index.BeginRebuild())
        {
            rebuild.Add([Article(1, "Carbon market")]);
            rebuild.Complete("9");
        }

        index.Index.NeedsRebuild.ShouldBeFalse();
        index.Reopen().NeedsRebuild.ShouldBeFalse();
        index.Index.Position.ShouldBe("9");
    }

    [Fact]
    public void A_corrupt_index_is_recreated_empty_and_needs_a_rebuild()
    {
        index.Index.Apply([Article(1, "Carbon market")], [], "3");
        index.Index.Dispose();
        foreach (var file in System.IO.Directory.EnumerateFiles(index.Path, "segments_*"))
        {
            File.WriteAllBytes(file, [1, 2, 3, 4, 5, 6, 7, 8]);
        }

        var reopened = index.Reopen();

        reopened.Recreated.ShouldBeTrue();
        reopened.NeedsRebuild.ShouldBeTrue();
        reopened.DocumentCount.ShouldBe(0);
        reopened.Apply([Article(2, "Methane rules")], [], "4");
        index.Titles("methane").ShouldBe(["Methane rules"]);
    }

    [Fact]
    public void An_index_missing_a_segment_file_is_recreated()
    {
        index.Index.Apply([Article(1, "Carbon market")], [], "3");
        index.Index.Dispose();
        foreach (var file in System.IO.Directory.EnumerateFiles(index.Path, "*.si"))
        {
            File.Delete(file);
        }

        var reopened = index.Reopen();

        reopened.Recreated.ShouldBeTrue();
        reopened.NeedsRebuild.ShouldBeTrue();
    }

    [Fact]
    public void A_deleted_folder_is_made_anew()
    {
        index.Index.Dispose();
        System.IO.Directory.Delete(index.Path, recursive: true);

        var reopened = index.Reopen();

        reopened.NeedsRebuild.ShouldBeTrue();
        reopened.DocumentCount.ShouldBe(0);
    }

    [Fact]
    public void A_second_index_on_the_same_folder_is_refused()
    {
        Should.Throw<LockObtainFailedException>(() => SearchIndex.Open(index.Path, Options));
        index.Index.DocumentCount.ShouldBe(0);
    }

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
