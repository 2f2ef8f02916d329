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
public sealed class SearchIndex : IDisposable
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

    private Document ToLucene(SearchDocument d)
    {
        var doc = new Document
        {
            new StringField(Fields.Key, Fields.KeyOf(d.Kind, d.Id), Field.Store.NO),
            new StoredField(Fields.Kind, d.Kind),
            new StoredField(Fields.Id, d.Id),
            new StoredField(Fields.Slug, d.Slug),
            new TextField(Fields.Title, d.Title, Field.Store.YES),
            new TextField(Fields.All, d.Title, Field.Store.NO),
            new SortedDocValuesField(Fields.TitleSort, new BytesRef(SortKey(d.Title))),
            new NumericDocValuesField(Fields.Date, d.Date?.DayNumber ?? long.MinValue),
            new NumericDocValuesField(Fields.EffectiveOn, d.EffectiveOn?.DayNumber ?? long.MinValue),
            new NumericDocValuesField(Fields.WithdrawnOn, d.WithdrawnOn?.DayNumber ?? long.MinValue),
            new NumericDocValuesField(Fields.SupersededOn, d.SupersededOn?.DayNumber ?? long.MinValue),
            new NumericDocValuesField(Fields.Changed, d.ChangedAt?.UtcTicks ?? long.MinValue),
            new SortedDocValuesField(Fields.KeySort, new BytesRef(Fields.KeyOf(d.Kind, d.Id))),
        };

        if (d.ChangedAt is { } changed)
        {
            doc.Add(new Int64Field(Fields.Changed, changed.UtcTicks, Field.Store.YES));
        }

        if (d.Date is { } date)
        {
            doc.Add(new StoredField(Fields.Date, date.DayNumber));
        }

        if (!string.IsNullOrWhiteSpace(d.TitleZh))
        {
            doc.Add(new TextField(Fields.TitleZh, d.TitleZh, Field.Store.YES));
            doc.Add(new TextField(Fields.TitleZhBigrams, d.TitleZh, Field.Store.NO));
        }

        if (!string.IsNullOrWhiteSpace(d.Code))
        {
            doc.Add(new StoredField(Fields.Code, d.Code));
            doc.Add(new TextField(Fields.Title, d.Code, Field.Store.NO));
            doc.Add(new TextField(Fields.All, d.Code, Field.Store.NO));
            doc.Add(new SortedDocValuesField(Fields.CodeSort, new BytesRef(SortKey(string.IsNullOrWhiteSpace(d.CodeSortKey) ? d.Code : d.CodeSortKey))));
        }

        foreach (var key in d.CodeKeys.Where(k => !string.IsNullOrEmpty(k)).Distinct(StringComparer.Ordinal))
        {
            doc.Add(new StringField(Fields.CodeKeys, key, Field.Store.NO));
        }

        if (!string.IsNullOrWhiteSpace(d.Summary))
        {
            doc.Add(new TextField(Fields.Summary, d.Summary, Field.Store.YES));
            doc.Add(new TextField(Fields.All, d.Summary, Field.Store.NO));
        }

        if (!string.IsNullOrWhiteSpace(d.Body))
        {
            doc.Add(new TextField(Fields.All, d.Body, Field.Store.NO));
            doc.Add(new StoredField(Fields.BodyStored, d.Body.Length <= Options.StoredBodyLength ? d.Body : d.Body[..Options.StoredBodyLength]));
        }

        foreach (var related in d.Related.Where(r => !string.IsNullOrWhiteSpace(r)))
        {
            doc.Add(new TextField(Fields.All, related, Field.Store.NO));
        }

        if (d.Status is not null)
        {
            doc.Add(new SortedDocValuesField(Fields.Status, new BytesRef(d.Status)));
        }

        AddFacet(doc, "kind", d.Kind);
        foreach (var (name, values) in d.Facets)
        {
            if (name is "kind" or "status" || values is null)
            {
                continue;
            }

            foreach (var value in values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal))
            {
                AddFacet(doc, name, value);
            }
        }

        return doc;
    }

    private static void AddFacet(Document doc, string name, string value)
    {
        var field = Fields.Facet(name);
        doc.Add(new StringField(field, value, Field.Store.NO));
        doc.Add(new SortedSetDocValuesField(field, new BytesRef(value)));
    }

    private static string SortKey(string text)
    {
        var key = text.Trim().ToLowerInvariant();
        return key.Length <= 100 ? key : key[..100];
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
