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

/// <summary>
/// The search index of one instance: a Lucene index in a folder, one writer (it locks the folder), readers through a
/// <see cref="SearcherManager"/> over the last commit, refreshed after each batch. The position of the last change applied
/// is in the commit's user data with the document schema version, so documents and position commit together and a
/// restart resumes exactly after the last commit. Thread-safe: any number of concurrent searches, one writer.
/// </summary>
public sealed partial class SearchIndex : IDisposable
{
    /// <summary>The version of the documents' fields and analysis; an index made by another needs a rebuild.</summary>
    public const int SchemaVersion = 7;

    /// <summary>The schema of an index made empty, before its first rebuild completes.</summary>
    private const int NotBuilt = 0;

    internal const string PositionKey = "position";
    internal const string SchemaKey = "schema";

    private static readonly Similarity Bm25 = new TitleLengthSimilarity();

    /// <summary>Read in one visit per hit: each visit decompresses the document's stored block.</summary>
    internal static readonly HashSet<string> HitFields = [Fields.Kind, Fields.Id, Fields.Slug, Fields.Title, Fields.TitleZh, Fields.Code, Fields.Date, Fields.Summary, Fields.BodyStored, Fields.Changed];

    private readonly Directory directory;
    private readonly string? path;
    private readonly object writeLock = new();
    private IndexWriter writer;
    private readonly SearcherManager searchers;
    private int indexSchema;
    private volatile string? position;
    private SearchIndexRebuild? rebuild;
    private bool disposed;

    private SearchIndex(Directory directory, string? path, SearchIndexOptions options, IndexWriter writer, int indexSchema, string? position, bool recreated)
    {
        this.directory = directory;
        this.path = path;
        Options = options;
        this.writer = writer;
        this.indexSchema = indexSchema;
        this.position = position;
        Recreated = recreated;
        searchers = new SearcherManager(directory, new Factory(options.ClauseCacheMB));
    }

    public SearchIndexOptions Options { get; }

    /// <summary>The position given with the last batch committed (the application's change-log position); null before the first.</summary>
    public string? Position => position;

    /// <summary>
    /// The index was missing, unreadable or made by another schema version, and no rebuild has completed since: build it
    /// from the source (<see cref="BeginRebuild"/>). Batches applied meanwhile do not make it current.
    /// </summary>
    public bool NeedsRebuild => indexSchema != SchemaVersion;

    /// <summary>The folder held an index that could not be read, and a new empty one was made in its place.</summary>
    public bool Recreated { get; }

    /// <summary>Documents searchable now.</summary>
    public int DocumentCount
    {
        get
        {
            var searcher = searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                searchers.Release(searcher);
            }
        }
    }

    /// <summary>Opens (or creates) the index in a folder. An unreadable index is deleted and made anew (then <see cref="NeedsRebuild"/>).</summary>
    public static SearchIndex Open(string path, SearchIndexOptions? options = null)
    {
        System.IO.Directory.CreateDirectory(path);
        return Open(FSDirectory.Open(path), path, options ?? new SearchIndexOptions());
    }

    /// <summary>Opens an index in a Lucene directory (a RAMDirectory in tests).</summary>
    internal static SearchIndex Open(Directory directory, SearchIndexOptions? options = null) => Open(directory, null, options ?? new SearchIndexOptions());

    private static SearchIndex Open(Directory directory, string? path, SearchIndexOptions options)
    {
        IndexWriter? writer = null;
        try
        {
            if (!DirectoryReader.IndexExists(directory))
            {
                writer = Create(directory, options);
                return new SearchIndex(directory, path, options, writer, NotBuilt, null, recreated: false);
            }

            int schema;
            string? position;
            using (var reader = DirectoryReader.Open(directory))
            {
                var data = reader.IndexCommit.UserData;
                schema = data.TryGetValue(SchemaKey, out var s) && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
                position = data.TryGetValue(PositionKey, out var p) ? p : null;
                foreach (var leaf in reader.Leaves)
                {
                    _ = leaf.AtomicReader.FieldInfos;
                }
            }

            writer = new IndexWriter(directory, Config(options, OpenMode.APPEND));
            return new SearchIndex(directory, path, options, writer, schema, position, recreated: false);
        }
        catch (Exception e) when (e is not LockObtainFailedException && IsUnreadable(e))
        {
            writer?.Dispose();
            if (path is null)
            {
                throw;
            }

            // Derived data: an index that cannot be read is made anew and rebuilt from the source.
            directory.Dispose();
            foreach (var file in System.IO.Directory.EnumerateFiles(path))
            {
                File.Delete(file);
            }

            var fresh = FSDirectory.Open(path);
            var created = Create(fresh, options);
            return new SearchIndex(fresh, path, options, created, NotBuilt, null, recreated: true);
        }
    }

    private static bool IsUnreadable(Exception e) =>
        e is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or IOException
            or EndOfStreamException or FormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException
            or NullReferenceException;

    private static IndexWriter Create(Directory directory, SearchIndexOptions options)
    {
        var writer = new IndexWriter(directory, Config(options, OpenMode.CREATE));
        writer.SetCommitData(new Dictionary<string, string> { [SchemaKey] = NotBuilt.ToString(CultureInfo.InvariantCulture) });
        writer.Commit();
        return writer;
    }

    private static IndexWriterConfig Config(SearchIndexOptions options, OpenMode mode) => new(LuceneVersion.LUCENE_48, Analyzers.PerField)
    {
        OpenMode = mode,
        Similarity = Bm25,
        RAMBufferSizeMB = options.RamBufferSizeMB,
        UseCompoundFile = false,
        MergePolicy = new TieredMergePolicy { NoCFSRatio = 0.0 },
    };

    /// <summary>
    /// Replaces the documents with the keys of <paramref name="upserts"/>, deletes those of <paramref name="deletes"/>,
    /// then commits once with <paramref name="newPosition"/>: the batch and its position are durable together or not at
    /// all. Searches see the batch when this returns. Applying the same batch again changes nothing; of two documents
    /// with one key, the later wins. Large batches are analysed on several threads.
    /// </summary>
    public void Apply(IReadOnlyList<SearchDocument> upserts, IReadOnlyList<(string Kind, int Id)> deletes, string newPosition)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(deletes);
        ArgumentNullException.ThrowIfNull(newPosition);
        lock (writeLock)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (rebuild is not null)
            {
                throw new InvalidOperationException("A rebuild is under way: complete or abandon it before applying changes.");
            }

            try
            {
                var w = writer;
                void Update(SearchDocument d) => w.UpdateDocument(new Term(Fields.Key, Fields.KeyOf(d.Kind, d.Id)), ToLucene(d));

                // On several threads, two documents with one key could land in either order: the first of each key is
                // written in parallel, any later ones after it, one by one in the batch's order, so the last one wins as
                // it does on one thread. (The documents are read once, as they are written: no pass over them first.)
                var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
                var later = new System.Collections.Concurrent.ConcurrentBag<(int Index, SearchDocument Document)>();
                ForEachDocument(upserts, (document, i) =>
                {
                    if (seen.TryAdd(Fields.KeyOf(document.Kind, document.Id), true))
                    {
                        Update(document);
                    }
                    else
                    {
                        later.Add((i, document));
                    }
                });
                foreach (var (_, document) in later.OrderBy(l => l.Index))
                {
                    Update(document);
                }

                foreach (var (kind, id) in deletes)
                {
                    writer.DeleteDocuments(new Term(Fields.Key, Fields.KeyOf(kind, id)));
                }

                // A batch that changes no document moves the position only: the searcher (and what it has learnt of
                // clauses, ClauseCache) stays.
                CommitLocked(newPosition, indexSchema, refresh: upserts.Count > 0 || deletes.Count > 0);
            }
            catch
            {
                // Half a batch must never be committed (a later commit, or closing the writer, would): discard it; the
                // position has not moved, so the batch is read and applied again.
                writer.Rollback();
                writer = new IndexWriter(directory, Config(Options, OpenMode.APPEND));
                throw;
            }
        }
    }


    private void CommitLocked(string newPosition, int schema, bool refresh)
    {
        writer.SetCommitData(new Dictionary<string, string>
        {
            [PositionKey] = newPosition,
            [SchemaKey] = schema.ToString(CultureInfo.InvariantCulture),
        });
        writer.Commit();
        indexSchema = schema;
        position = newPosition;
        if (refresh)
        {
            searchers.MaybeRefreshBlocking();
        }
    }

    public void Dispose()
    {
        SearchIndexRebuild? abandoned;
        lock (writeLock)
        {
            if (disposed)
            {
                return;
            }

            abandoned = rebuild;
        }

        if (abandoned is not null)
        {
            RebuildAbandon(abandoned);
        }

        lock (writeLock)
        {
            disposed = true;
            searchers.Dispose();
            writer.Dispose();
            directory.Dispose();
        }
    }
}
