using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StandardCode = SesecPortal.Application.Domain.StandardCode;
using SesecPortal.Application.Features.Search;
using SesecPortal.Search;

// The bare search engine, in-process: index a corpus.py JSON Lines file, then answer bench/queries.txt one at a time and
// from many threads. Usage:
//   dotnet run -c Release --project bench/SearchEngineBench -- --corpus /tmp/corpus.jsonl --index /tmp/index
//       [--queries bench/queries.txt] [--threads 32] [--seconds 15] [--gate 0] [--reuse] [--rounds 5] [--today 2026-06-30]
// --reuse: search the index already in --index instead of building it (bench/run.sh gives it a copy of the index the
// portal built). --gate N: admit N searches at once (FIFO), the rest queue, as the portal does. --today: the date the
// searches are made on (bench/run.sh passes the portal's). --clause-cache MB: the searcher's clause cache (0: off, every
// match scored and counted on Lucene's scorer). The index options are otherwise the portal's own.

var options = Options.Parse(args);
var today = options.Today;
var indexOptions = options.ClauseCacheMB is { } clauseCacheMB ? PortalSearchIndex.Options with { ClauseCacheMB = clauseCacheMB } : PortalSearchIndex.Options;
Console.WriteLine($"SearchEngineBench: {Environment.ProcessorCount} processors, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");

if (!options.Reuse)
{
    if (Directory.Exists(options.Index))
    {
        Directory.Delete(options.Index, recursive: true);
    }

    using var index = SearchIndex.Open(options.Index, indexOptions);
    var clock = Stopwatch.StartNew();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var count = 0;
    using (var rebuild = index.BeginRebuild())
    {
        // One thread reads and converts lines; the rebuild indexes each batch on every core.
        using var batches = new BlockingCollection<List<SearchDocument>>(boundedCapacity: 4);
        var reader = Task.Run(() =>
        {
            var batch = new List<SearchDocument>(options.BatchSize);
            foreach (var line in File.ReadLines(options.Corpus))
            {
                if (line.Length == 0)
                {
                    continue;
                }

                batch.Add(Corpus.ToDocument(line));
                if (batch.Count == options.BatchSize)
                {
                    batches.Add(batch);
                    batch = new List<SearchDocument>(options.BatchSize);
                }
            }

            if (batch.Count > 0)
            {
                batches.Add(batch);
            }

            batches.CompleteAdding();
        });

        foreach (var batch in batches.GetConsumingEnumerable())
        {
            rebuild.Add(batch);
            count += batch.Count;
            if (count % 100_000 < options.BatchSize)
            {
                Console.WriteLine($"  {count:N0} documents, {count / clock.Elapsed.TotalSeconds:N0}/s");
            }
        }

        await reader;
        rebuild.Complete("bench");
    }

    var seconds = clock.Elapsed.TotalSeconds;
    var indexCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    Console.WriteLine($"Indexed {count:N0} documents in {seconds:N1} s: {count / seconds:N0} documents/s ({indexCpu:N0} s of CPU), rebuild committed");
}

var size = new DirectoryInfo(options.Index).EnumerateFiles().Sum(f => f.Length);
var stored = new DirectoryInfo(options.Index).EnumerateFiles("*.fdt").Sum(f => f.Length);
Console.WriteLine($"Index on disk: {size / 1048576.0:N0} MB ({stored / 1048576.0:N0} MB stored fields)");

var open = Stopwatch.StartNew();
using var engine = SearchIndex.Open(options.Index, indexOptions);
var openSeconds = open.Elapsed.TotalSeconds;
open.Restart();
engine.Warm();
Console.WriteLine($"Open: {openSeconds * 1000:N0} ms (facet arrays decoded), warm: {open.Elapsed.TotalMilliseconds:N0} ms; {engine.DocumentCount:N0} documents; needs rebuild: {engine.NeedsRebuild}");
GC.Collect();
Console.WriteLine($"Managed heap after open: {GC.GetTotalMemory(true) / 1048576.0:N0} MB; working set {Environment.WorkingSet / 1048576.0:N0} MB");

var queries = File.ReadLines(options.Queries).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
var requests = queries.Select(q => Request(q, today)).ToList();

// One at a time: a first pass (warms the queries' terms), then the measured rounds.
foreach (var request in requests)
{
    engine.Search(request);
}

var perQuery = new double[requests.Count][];
for (var i = 0; i < requests.Count; i++)
{
    perQuery[i] = new double[options.Rounds];
}

for (var round = 0; round < options.Rounds; round++)
{
    for (var i = 0; i < requests.Count; i++)
    {
        var t = Stopwatch.GetTimestamp();
        engine.Search(requests[i]);
        perQuery[i][round] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
    }
}

Console.WriteLine();
Console.WriteLine($"One at a time ({options.Rounds} rounds of {requests.Count} queries):");
Console.WriteLine("| query | total | flags | mean ms | max ms |");
Console.WriteLine("|---|---:|---|---:|---:|");
for (var i = 0; i < requests.Count; i++)
{
    var r = engine.Search(requests[i]);
    var flags = string.Join(' ', new[] { r.Widened ? "widened" : null, r.Approximate ? "approximate" : null, requests[i].CodeKey is { } k ? "code " + k : null }.Where(f => f is not null));
    Console.WriteLine($"| {queries[i].Replace("|", "\\|", StringComparison.Ordinal)} | {r.Total:N0} | {flags} | {perQuery[i].Average():N1} | {perQuery[i].Max():N1} |");
}

var cacheBytes = engine.WithSearcher(s => (s as PortalSearcher)?.Clauses?.Bytes ?? 0);
Console.WriteLine($"Clause cache: {cacheBytes / 1048576.0:N1} MB held after the rounds (bound {indexOptions.ClauseCacheMB} MB)");
var all = perQuery.SelectMany(x => x).ToArray();
var means = perQuery.Select(x => x.Average()).ToArray();
Console.WriteLine($"Mean {all.Average():N1} ms, slowest query mean {means.Max():N1} ms ({queries[Array.IndexOf(means, means.Max())]}), slowest single {all.Max():N1} ms; {perQuery.Count(x => x.Max() >= 50)} queries with a run of 50 ms or more");

if (args.Contains("--probe"))
{
    var segments = engine.WithSearcher(s => s.IndexReader.Leaves.Count);
    double Time(Action action)
    {
        action();
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        for (var round = 0; round < options.Rounds; round++)
        {
            action();
        }

        return (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds / options.Rounds;
    }

    var built = requests.Select(r => SesecPortal.Search.QueryBuilder.Text(r.Syntax, widen: false)).ToList();
    var build = Time(() => { foreach (var r in requests) { SesecPortal.Search.QueryBuilder.Text(r.Syntax, widen: false); } }) / requests.Count;
    var count = Time(() => engine.WithSearcher(s => { foreach (var q in built) { if (q is not null) { s.Search(q, new Lucene.Net.Search.TotalHitCountCollector()); } } return 0; })) / requests.Count;
    var top = Time(() => engine.WithSearcher(s => { foreach (var q in built) { if (q is not null) { s.Search(q, 20); } } return 0; })) / requests.Count;
    Console.WriteLine($"{segments} segments. CPU a query: build {build:N3} ms, count matches {count:N2} ms, top 20 by score {top:N2} ms");
    var heavy = requests[queries.IndexOf("standardisation")];
    foreach (var (label, variant) in new (string, SearchRequest)[]
    {
        ("no facets, 1 hit", heavy with { CountFacets = [], PageSize = 1 }),
        ("facets, 1 hit", heavy with { PageSize = 1 }),
        ("facets, 20 hits", heavy),
    })
    {
        Console.WriteLine($"  standardisation, {label}: {Time(() => { for (var k = 0; k < 10; k++) { engine.Search(variant); } }) / 10:N2} ms of CPU");
    }

    foreach (var (q, i) in built.Select((q, i) => (q, i)).Take(3))
    {
        Console.WriteLine($"  {queries[i]} → {q}");
    }
}

if (args.Contains("--breakdown"))
{
    // Where the time of a search goes: matching and scoring alone, plus facets, plus the hits' stored fields and snippets.
    double Cpu(Func<SearchRequest, SearchRequest> change)
    {
        var changed = requests.Select(change).ToList();
        foreach (var r in changed)
        {
            engine.Search(r);
        }

        var before = Process.GetCurrentProcess().TotalProcessorTime;
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var r in changed)
            {
                engine.Search(r);
            }
        }

        return (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds / (options.Rounds * changed.Count);
    }

    Console.WriteLine();
    Console.WriteLine($"CPU a search: matching only {Cpu(r => r with { CountFacets = [], PageSize = 1 }):N2} ms; with facets {Cpu(r => r with { PageSize = 1 }):N2} ms; " +
        $"with 20 hits and snippets {Cpu(r => r):N2} ms");
}

// Many at once.
Console.WriteLine();
using var gate = options.Gate > 0 ? new SearchGate(options.Gate, 10_000) : null;
var latencies = new ConcurrentBag<double[]>();
var stopAt = Stopwatch.GetTimestamp() + (long)(options.Seconds * Stopwatch.Frequency);
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var wall = Stopwatch.StartNew();
// Dedicated threads for the workers (LongRunning): the thread pool would otherwise grow slowly past the processor count,
// and fewer searches would run at once than --threads says. With a gate, a worker continues on the pool after a wait.
var workers = Enumerable.Range(0, options.Threads).Select(worker => Task.Factory.StartNew(async () =>
{
    var mine = new List<double>(4096);
    var i = worker % requests.Count;
    while (Stopwatch.GetTimestamp() < stopAt)
    {
        var t = Stopwatch.GetTimestamp();
        if (gate is not null)
        {
            using var slot = await gate.EnterAsync();
            engine.Search(requests[i]);
        }
        else
        {
            engine.Search(requests[i]);
        }

        mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        i = (i + 1) % requests.Count;
    }

    latencies.Add([.. mine]);
}, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()).ToArray();
await Task.WhenAll(workers);
var elapsed = wall.Elapsed.TotalSeconds;
var cpuUsed = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
var sorted = latencies.SelectMany(x => x).Order().ToArray();
double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
Console.WriteLine($"{options.Threads} threads for {elapsed:N1} s{(gate is null ? "" : $", gate {options.Gate} at once (FIFO)")}: {sorted.Length:N0} searches, {sorted.Length / elapsed:N0} searches/s, " +
    $"p50 {Percentile(0.5):N1} ms, p99 {Percentile(0.99):N1} ms, max {sorted[^1]:N1} ms; {cpuUsed / sorted.Length:N1} ms of CPU a search");
Console.WriteLine($"Working set at the end: {Environment.WorkingSet / 1048576.0:N0} MB");

static SearchRequest Request(string text, DateOnly today)
{
    var syntax = SearchSyntax.Parse(text);
    return new SearchRequest
    {
        Syntax = syntax,
        CodeKey = StandardCode.TryParse(syntax.Text, out var code) ? code.Key : null,
        Today = today,
        PageSize = 20,
        CountFacets = ["kind", "sector", "authority", "status", "year"],
        MaxFacetValues = 30,
    };
}
