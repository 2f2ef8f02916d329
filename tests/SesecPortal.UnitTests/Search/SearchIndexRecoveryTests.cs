using Lucene.Net.Store;
using SesecPortal.Search;
using static SesecPortal.UnitTests.Search.TempIndex;

namespace SesecPortal.UnitTests.Search;

/// <summary>An index of another schema, corrupt, missing files, deleted or locked.</summary>
public sealed class SearchIndexRecoveryTests : IDisposable
{
    private readonly TempIndex index = new();

    public void Dispose() => index.Dispose();

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
}
