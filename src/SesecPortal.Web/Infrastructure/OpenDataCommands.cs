using FluentValidation;
using Mediator;
using SesecPortal.Application.Features.OpenData;
using Spectre.Console;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// <c>dotnet run --project src/SesecPortal.Web -- import FILE.jsonl</c> and <c>-- export FILE.jsonl [--q QUERY]</c>: the open-data
/// interchange format from the command line, with a progress bar for long files.
/// </summary>
internal static class OpenDataCommands
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] is "import" or "export";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync("Usage: import FILE.jsonl | export FILE.jsonl [--q \"search words\"]");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        return args[0] == "import" ? await ImportAsync(sender, services, args[1]) : await ExportAsync(sender, args);
    }

    private static async Task<int> ImportAsync(ISender sender, IServiceProvider services, string path)
    {
        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"There is no file {path}.");
            return 2;
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var started = System.Diagnostics.Stopwatch.StartNew();
        ImportContent.Result? result = null;
        try
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"Importing {Path.GetFileName(path)}", maxValue: Math.Max(1, file.Length));
                    var progress = new Progress<ImportContent.ImportProgress>(p =>
                    {
                        task.Value = p.Bytes;
                        task.Description = $"Importing {Path.GetFileName(path)}: {p.Lines:N0} lines";
                    });
                    result = await sender.Send(new ImportContent.Command(file, progress));
                    task.Value = task.MaxValue;
                });
        }
        catch (ValidationException ex)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, ex.Errors.Select(e => e.ErrorMessage)));
            return 2;
        }

        foreach (var error in result!.Errors)
        {
            await Console.Error.WriteLineAsync(error.ToString());
        }

        if (result.ErrorCount > result.Errors.Count)
        {
            await Console.Error.WriteLineAsync($"... and {result.ErrorCount - result.Errors.Count:N0} more.");
        }

        var imported = started.Elapsed;
        Console.WriteLine($"{result.Summary} ({imported.TotalSeconds:N1} s, {result.Imported / Math.Max(imported.TotalSeconds, 0.001):N0} items/s)");
        await IndexAsync(services, result.Imported, started);
        return result.ErrorCount == 0 ? 0 : 1;
    }

    /// <summary>
    /// Brings this checkout's search index up to date with the change log (the import wrote a row for every item), and
    /// says when the last item became searchable. A portal running on the same index holds its lock and does this itself.
    /// </summary>
    private static async Task IndexAsync(IServiceProvider services, int items, System.Diagnostics.Stopwatch started)
    {
        var follower = services.GetRequiredService<Application.Features.Search.SearchIndexFollower>();
        var search = services.GetRequiredService<Application.Features.Search.PortalSearchIndex>();
        try
        {
            _ = search.Index;
        }
        catch (Lucene.Net.Store.LockObtainFailedException)
        {
            Console.WriteLine($"A running portal holds the search index in {search.Path}: it makes the imported items searchable as it follows the change log.");
            return;
        }

        while (await follower.CatchUpAsync(CancellationToken.None))
        {
        }

        var total = started.Elapsed;
        Console.WriteLine($"Searchable {total.TotalSeconds:N1} s after the import began ({items / Math.Max(total.TotalSeconds, 0.001):N0} items/s to searchable); "
            + $"the index in {search.Path} holds {search.Index.DocumentCount:N0} documents.");
    }

    private static async Task<int> ExportAsync(ISender sender, string[] args)
    {
        var i = Array.IndexOf(args, "--q");
        var query = i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        await using var file = args[1] == "-" ? Console.OpenStandardOutput() : File.Create(args[1]);
        var count = await sender.Send(new ExportContent.Query(file, query));
        await Console.Error.WriteLineAsync($"Exported {count:N0} items.");
        return 0;
    }
}
