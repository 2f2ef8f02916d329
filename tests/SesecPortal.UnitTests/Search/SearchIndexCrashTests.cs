using SesecPortal.Search;
using static SesecPortal.UnitTests.Search.TempIndex;

namespace SesecPortal.UnitTests.Search;

/// <summary>
/// A batch cut short (issue 17 §5): whatever a crash leaves on disk between a batch's first document and its commit, the
/// index opens at the last commit (documents and position together), and the batch applied again holds each document once.
/// </summary>
public sealed class SearchIndexCrashTests : IDisposable
{
    /// <summary>A small writer buffer: a large batch is flushed to segment files on disk long before its commit.</summary>
    private static readonly SearchIndexOptions SmallBuffer = TempIndex.Options with { RamBufferSizeMB = 0.5, IndexingThreads = 1 };

    private readonly string folder = Path.Combine(Path.GetTempPath(), "sesec-search-tests", $"crash-{Guid.NewGuid():N}");
    private readonly string afterCrash = Path.Combine(Path.GetTempPath(), "sesec-search-tests", $"crash-{Guid.NewGuid():N}");

    public void Dispose()
    {
        foreach (var path in new[] { folder, afterCrash })
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
    }

    [Fact]
    public void A_batch_that_failed_before_its_commit_leaves_the_previous_position_and_documents_and_applies_again_once()
    {
        using var index = Built();

        Should.Throw<ArgumentNullException>(() => index.Apply(SecondBatch(poisonAt: 1500), [("article", 7)], "20"));

        index.Position.ShouldBe("10", "a batch that failed half-way must not move the position");
        index.DocumentCount.ShouldBe(200);
        Titles(index, "hydrogen").ShouldBe(["Hydrogen storage 7"], "searches answer from the last commit");
        Total(index, "ammonia").ShouldBe(0);

        index.Apply(SecondBatch(), [("article", 7)], "20");

        index.Position.ShouldBe("20");
        index.DocumentCount.ShouldBe(3000, "each document of the batch applied again is held once");
        Total(index, "ammonia").ShouldBe(3000);
        Total(index, "hydrogen").ShouldBe(0, "the deleted document is gone");
        Total(index, "carbon").ShouldBe(0, "every replaced document holds its new text only");
    }

    [Fact]
    public void A_process_gone_in_the_middle_of_a_batch_leaves_the_last_commit_on_disk_and_the_batch_applies_again_once()
    {
        using var index = Built();
        // The batch's documents are written, several segments of them flushed to disk, then the process dies before the
        // commit: what is on disk at that moment (the uncommitted segment files, the lock file nobody holds) is copied.
        // (The copy is taken as the writer reaches the last document: a failed batch is rolled back, a dead process is not.)
        List<string> files = [];
        var batch = new CrashingBatch(SecondBatch(), at: 2999, crash: () => files = CopyFolder(folder, afterCrash));
        Should.Throw<InvalidOperationException>(() => index.Apply(batch, [("article", 7)], "20"));
        index.Dispose();
        files.ShouldContain("write.lock");
        files.Count(f => f.EndsWith(".fdt", StringComparison.Ordinal)).ShouldBeGreaterThan(1, "the half batch had reached the disk in segments of its own");

        using (var restarted = SearchIndex.Open(afterCrash, SmallBuffer))
        {
            restarted.NeedsRebuild.ShouldBeFalse();
            restarted.Position.ShouldBe("10");
            restarted.DocumentCount.ShouldBe(200);
            Total(restarted, "ammonia").ShouldBe(0, "nothing of the uncommitted batch is searchable");
            Titles(restarted, "hydrogen").ShouldBe(["Hydrogen storage 7"]);

            restarted.Apply(SecondBatch(), [("article", 7)], "20");
            restarted.Apply(SecondBatch(), [("article", 7)], "20");

            restarted.DocumentCount.ShouldBe(3000);
            Total(restarted, "ammonia").ShouldBe(3000);
        }

        using var reopened = SearchIndex.Open(afterCrash, SmallBuffer);
        reopened.Position.ShouldBe("20");
        reopened.DocumentCount.ShouldBe(3000);
        Total(reopened, "hydrogen").ShouldBe(0);
    }

    [Fact]
    public void A_rebuild_cut_short_by_a_crash_leaves_the_previous_index_on_disk()
    {
        using var index = Built();

        var again = index.BeginRebuild();
        again.Add(SecondBatch());
        var files = CopyFolder(folder, afterCrash);
        again.Dispose();
        index.Dispose();
        files.ShouldContain("write.lock");

        using var restarted = SearchIndex.Open(afterCrash, SmallBuffer);
        restarted.NeedsRebuild.ShouldBeFalse();
        restarted.Position.ShouldBe("10");
        restarted.DocumentCount.ShouldBe(200);
        Total(restarted, "ammonia").ShouldBe(0);
    }

    /// <summary>The index in the folder, built from <see cref="FirstBatch"/> at position 10.</summary>
    private SearchIndex Built()
    {
        var index = SearchIndex.Open(folder, SmallBuffer);
        using (var rebuild = index.BeginRebuild())
        {
            rebuild.Add(FirstBatch());
            rebuild.Complete("10");
        }

        return index;
    }

    /// <summary>200 articles about hydrogen (one), carbon (the others).</summary>
    private static SearchDocument[] FirstBatch() =>
        [.. Enumerable.Range(1, 200).Select(i => Article(i, i == 7 ? "Hydrogen storage 7" : $"Carbon market {i}", body: Body(i)))];

    /// <summary>
    /// 3,000 articles about ammonia: 199 of them replace those of the first batch (all but 7, which the batch deletes),
    /// the rest are new. With
    /// <paramref name="poisonAt"/>, the document there cannot be indexed (it has no slug), so the batch stops there.
    /// </summary>
    private static SearchDocument[] SecondBatch(int? poisonAt = null) =>
        [.. Enumerable.Range(0, 3000).Select(n =>
        {
            var id = n < 199 ? (n < 6 ? n + 1 : n + 2) : 1000 + n;
            var document = Article(id, $"Ammonia cracking {id}", body: Body(id));
            return n == poisonAt ? document with { Slug = null! } : document;
        })];

    /// <summary>A batch whose document at <paramref name="at"/> is where the process dies: <paramref name="crash"/> runs, then the batch throws.</summary>
    private sealed class CrashingBatch(SearchDocument[] documents, int at, Action crash) : IReadOnlyList<SearchDocument>
    {
        public int Count => documents.Length;

        public SearchDocument this[int index] => index == at ? Crash() : documents[index];

        public IEnumerator<SearchDocument> GetEnumerator()
        {
            for (var i = 0; i < documents.Length; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private SearchDocument Crash()
        {
            crash();
            throw new InvalidOperationException("The process is gone.");
        }
    }

    private static string Body(int i) => string.Join(' ', Enumerable.Range(0, 60).Select(w => $"paragraph{(i * 31 + w) % 997} requirement"));

    private static int Total(SearchIndex index, string text) =>
        index.Search(new SearchRequest { Syntax = SearchSyntax.Parse(text), Today = Today }).Total;

    private static List<string> Titles(SearchIndex index, string text) =>
        [.. index.Search(new SearchRequest { Syntax = SearchSyntax.Parse(text), Today = Today }).Hits.Select(h => h.Title)];

    /// <summary>The folder's files as they are now (what a crash at this moment leaves), copied elsewhere; their names.</summary>
    private static List<string> CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        var names = new List<string>();
        foreach (var file in Directory.EnumerateFiles(from))
        {
            var name = Path.GetFileName(file);
            FileStream source;
            try
            {
                source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (FileNotFoundException)
            {
                continue;   // a background merge deleted it between the listing and the copy: it was never committed
            }

            using (source)
            using (var target = File.Create(Path.Combine(to, name)))
            {
                source.CopyTo(target);
            }

            names.Add(name);
        }

        return names;
    }
}
