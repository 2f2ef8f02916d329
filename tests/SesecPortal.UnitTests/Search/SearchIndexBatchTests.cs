using SesecPortal.Search;
using static SesecPortal.UnitTests.Search.TempIndex;

namespace SesecPortal.UnitTests.Search;

/// <summary>Batches applied to the index: upserts, deletes, several threads.</summary>
public sealed class SearchIndexBatchTests : IDisposable
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
}
