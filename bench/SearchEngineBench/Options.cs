using System.Globalization;

/// <summary>The benchmark's command line (see Program.cs).</summary>
internal sealed record Options(string Corpus, string Index, string Queries, int Threads, double Seconds, int Gate, bool Reuse, int Rounds, int BatchSize, DateOnly Today, int? ClauseCacheMB)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        var queries = Value("--queries") ?? Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "queries.txt");
        return new Options(
            Value("--corpus") ?? "", Value("--index") ?? Path.Combine(Path.GetTempPath(), "sesec-bench-index"), queries,
            int.Parse(Value("--threads") ?? "32", CultureInfo.InvariantCulture), double.Parse(Value("--seconds") ?? "15", CultureInfo.InvariantCulture),
            int.Parse(Value("--gate") ?? "0", CultureInfo.InvariantCulture), args.Contains("--reuse"),
            int.Parse(Value("--rounds") ?? "5", CultureInfo.InvariantCulture), int.Parse(Value("--batch") ?? "2000", CultureInfo.InvariantCulture),
            DateOnly.ParseExact(Value("--today") ?? "2026-06-30", "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Value("--clause-cache") is { } mb ? int.Parse(mb, CultureInfo.InvariantCulture) : null);
    }
}
