using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using SesecPortal.Search.Analysis;
using Directory = Lucene.Net.Store.Directory;

namespace SesecPortal.Search;

/// <summary>Searching: warming after a start, one searcher a search, and how searchers are made.</summary>
public sealed partial class SearchIndex
{
    /// <summary>
    /// Reads the index files once (so the operating system has them in memory) and runs a few searches: after a restart,
    /// or once the OS evicted the pages, the first searches would otherwise cost seconds. Call before reporting ready.
    /// </summary>
    public void Warm()
    {
        if (path is not null)
        {
            var buffer = new byte[1 << 20];
            foreach (var file in System.IO.Directory.EnumerateFiles(path))
            {
                try
                {
                    using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
                    while (stream.Read(buffer, 0, buffer.Length) > 0)
                    {
                    }
                }
                catch (IOException)
                {
                    // Merged away meanwhile.
                }
            }
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Search(new SearchRequest { Today = today, CountFacets = ["kind", "status"] });
        Search(new SearchRequest { Syntax = SearchSyntax.Parse("standard requirements"), Today = today, CountFacets = ["kind", "status"] });
        Search(new SearchRequest { Syntax = SearchSyntax.Parse("\"information security\""), Today = today });
    }

    /// <summary>For the benchmark's probes: runs something on the current searcher.</summary>
    internal T WithSearcher<T>(Func<IndexSearcher, T> action)
    {
        var searcher = searchers.Acquire();
        try
        {
            return action(searcher);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    public SearchResults Search(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(disposed, this);
        var searcher = searchers.Acquire();
        try
        {
            return new SearchRun(searcher, request, Options).Run();
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>Searchers use BM25, as the writer's norms were computed for, and decode each new segment's facet arrays when a reader opens.</summary>
    /// <summary>
    /// BM25 everywhere; in the title, full length normalisation (b = 1): a title that is mostly the words searched for
    /// ("Green Buildings Assessment Standard") outranks a longer one that also holds them ("Building engineering –
    /// Terminology of green building assessment"). Norms encode the length alone, so b is read at search time.
    /// </summary>
    private sealed class TitleLengthSimilarity : PerFieldSimilarityWrapper
    {
        private static readonly Similarity Text = new BM25Similarity();
        private static readonly Similarity Title = new BM25Similarity(k1: 1.2f, b: 1.0f);

        public override Similarity Get(string name) => name == Fields.Title ? Title : Text;
    }

    /// <summary>Each searcher (one point in time of the index) with its own clause cache: scores depend on the whole index.</summary>
    private sealed class Factory(int clauseCacheMB) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            foreach (var leaf in reader.Leaves)
            {
                SegmentData.For(leaf.AtomicReader);
            }

            var clauses = clauseCacheMB > 0 ? new ClauseCache(clauseCacheMB * 1024L * 1024L) : null;
            return new PortalSearcher(reader, clauses) { Similarity = Bm25 };
        }
    }
}
