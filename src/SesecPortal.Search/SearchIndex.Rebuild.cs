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

/// <summary>Rebuilding the index: one rebuild at a time, replacing every document in one commit.</summary>
public sealed partial class SearchIndex
{
    /// <summary>
    /// Starts building the index anew: documents added to the result replace all of today's when it completes, in one
    /// commit. Until then searches answer from the old contents; abandoning it (dispose without completing) or a crash
    /// leaves the old contents as they were.
    /// </summary>
    public SearchIndexRebuild BeginRebuild()
    {
        lock (writeLock)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (rebuild is not null)
            {
                throw new InvalidOperationException("A rebuild is already under way.");
            }

            writer.DeleteAll();
            rebuild = new SearchIndexRebuild(this);
            return rebuild;
        }
    }

    internal void RebuildAdd(SearchIndexRebuild owner, IReadOnlyList<SearchDocument> documents)
    {
        CheckRebuild(owner);
        var w = writer;
        ForEachDocument(documents, (document, _) => w.AddDocument(ToLucene(document)));
    }

    /// <summary>
    /// Analyses and adds documents on <see cref="SearchIndexOptions.IndexingThreads"/> threads when there are enough of
    /// them to be worth it: IndexWriter indexes concurrently (one in-memory segment per thread). The documents' keys are
    /// distinct, so the order among threads does not matter.
    /// </summary>
    private void ForEachDocument(IReadOnlyList<SearchDocument> documents, Action<SearchDocument, int> add)
    {
        if (documents.Count < 64 || Options.IndexingThreads <= 1)
        {
            var n = 0;
            foreach (var document in documents)
            {
                add(document, n++);
            }

            return;
        }

        try
        {
            Parallel.ForEach(
                System.Collections.Concurrent.Partitioner.Create(0, documents.Count, Math.Max(16, documents.Count / (Options.IndexingThreads * 4))),
                new ParallelOptions { MaxDegreeOfParallelism = Options.IndexingThreads },
                range =>
                {
                    for (var i = range.Item1; i < range.Item2; i++)
                    {
                        add(documents[i], i);
                    }
                });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // The caller sees what failed, as on one thread.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    internal void RebuildComplete(SearchIndexRebuild owner, string newPosition)
    {
        lock (writeLock)
        {
            CheckRebuild(owner);
            CommitLocked(newPosition, SchemaVersion, refresh: true);
            rebuild = null;
        }
    }

    internal void RebuildAbandon(SearchIndexRebuild owner)
    {
        lock (writeLock)
        {
            if (!ReferenceEquals(rebuild, owner))
            {
                return;
            }

            rebuild = null;
            if (disposed)
            {
                return;
            }

            // Rollback discards everything since the last commit (the DeleteAll too) and closes the writer.
            writer.Rollback();
            writer = new IndexWriter(directory, Config(Options, OpenMode.APPEND));
        }
    }

    private void CheckRebuild(SearchIndexRebuild owner)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!ReferenceEquals(rebuild, owner))
        {
            throw new InvalidOperationException("This rebuild is no longer under way.");
        }
    }
}

/// <summary>
/// A rebuild under way (<see cref="SearchIndex.BeginRebuild"/>): <see cref="Add"/> batches (from any number of threads;
/// each batch is also indexed on <see cref="SearchIndexOptions.IndexingThreads"/> threads), then <see cref="Complete"/>.
/// Disposing it without completing abandons it: the old contents stay. Keys must be unique across the rebuild.
/// </summary>
public sealed class SearchIndexRebuild : IDisposable
{
    private readonly SearchIndex index;
    private bool completed;

    internal SearchIndexRebuild(SearchIndex index) => this.index = index;

    public void Add(IReadOnlyList<SearchDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        index.RebuildAdd(this, documents);
    }

    /// <summary>Commits the new contents with the position they were read at, and shows them to searches.</summary>
    public void Complete(string position)
    {
        ArgumentNullException.ThrowIfNull(position);
        index.RebuildComplete(this, position);
        completed = true;
    }

    public void Dispose()
    {
        if (!completed)
        {
            index.RebuildAbandon(this);
        }
    }
}
