using System.Threading.Channels;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using SesecPortal.Application.Features.OpenData;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// Imports uploaded on <c>/admin/import</c> run here, one at a time, after the upload's request has ended: the file is
/// kept in <c>Import:UploadDirectory</c> (a folder under the system's temporary folder by default) until its import ends,
/// and the job's progress (bytes and lines read, every second) and report are written to the database
/// (<see cref="TrackImport"/>), so the page shows them whichever instance it reaches. The import itself is
/// <see cref="ImportContent"/>, as on the command line, which keeps its progress bar.
/// </summary>
internal sealed class BackgroundImports(
    IServiceScopeFactory scopes, PortalDatabases databases, DatabaseOutage outage, IConfiguration configuration, ILogger<BackgroundImports> logger)
    : BackgroundService
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);
    private readonly Channel<(Guid Id, string Path)> queue = Channel.CreateUnbounded<(Guid, string)>(new() { SingleReader = true });

    /// <summary>The largest upload (<c>Import:MaxUploadMB</c>, 256 MB): larger files go through the import command.</summary>
    public static long MaxUploadBytes(IConfiguration configuration) => configuration.GetValue("Import:MaxUploadMB", 256L) * 1024 * 1024;

    private string Folder => configuration["Import:UploadDirectory"] is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "sesecportal-imports");

    /// <summary>Keeps the uploaded file, records the job and queues it; returns its id.</summary>
    public async Task<Guid> QueueAsync(ISender sender, IFormFile upload, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{Guid.NewGuid():N}.jsonl");
        try
        {
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await upload.CopyToAsync(target, ct);
            }

            var id = await sender.Send(new QueueImport.Command(upload.FileName, upload.Length, databases.InstanceId), ct);
            await queue.Writer.WriteAsync((id, path), ct);
            return id;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (id, path) in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await RunAsync(id, path, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(Guid id, string path, CancellationToken stoppingToken)
    {
        var progress = new LatestProgress();
        using var ticking = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Task? ticker = null;
        try
        {
            await SendAsync(new TrackImport.Started(id), stoppingToken);
            ticker = TickAsync(id, progress, ticking.Token);
            await using var scope = scopes.CreateAsyncScope();
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            // The command returns once this instance's followers (the search index among them) have applied its last batch.
            var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ImportContent.Command(file, progress), stoppingToken);
            var searchableIn = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            await ticking.CancelAsync();
            await ticker;
            await SendAsync(new TrackImport.Finished(id, result, searchableIn), CancellationToken.None);
            logger.LogInformation("Imported {FileName} in the background (job {ImportId}): {Summary}", Path.GetFileName(path), id, result.Summary);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            await ticking.CancelAsync();
            var reason = ex switch
            {
                ValidationException invalid => string.Join(" ", invalid.Errors.Select(e => e.ErrorMessage)),
                _ when DatabaseFailure.IsTransient(ex) =>
                    "The database stopped answering during the import. The lines imported so far are kept; import the file again to finish (items are matched by their id, so nothing is doubled).",
                _ => $"The import stopped: {ex.Message}",
            };
            if (DatabaseFailure.IsTransient(ex))
            {
                outage.Report(ex, "a background import");
            }
            else if (ex is not ValidationException)
            {
                logger.LogError(ex, "The background import {ImportId} failed", id);
            }

            await TryAsync(new TrackImport.Failed(id, reason));
        }
        catch (OperationCanceledException)
        {
            await TryAsync(new TrackImport.Failed(id,
                "The portal stopped during the import. The lines imported so far are kept; import the file again to finish (nothing is doubled)."));
        }
        finally
        {
            if (ticker is not null)
            {
                await ticker.ContinueWith(_ => { }, TaskScheduler.Default);
            }

            File.Delete(path);
        }
    }

    /// <summary>Writes how far the import got, every second, until it ends.</summary>
    private async Task TickAsync(Guid id, LatestProgress progress, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(ProgressEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var (bytes, lines) = progress.Now;
                await SendAsync(new TrackImport.Moved(id, bytes, lines, databases.InstanceId), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (DatabaseFailure.IsTransient(ex))
        {
            outage.Report(ex, "a background import's progress");
        }
    }

    private async Task SendAsync(ICommand<Unit> command, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, ct);
    }

    private async Task TryAsync(ICommand<Unit> command)
    {
        try
        {
            await SendAsync(command, CancellationToken.None);
        }
        catch (Exception ex) when (DatabaseFailure.IsTransient(ex))
        {
            // The job stays "running" and shows as stopped once it has been silent for GetImports.Silence.
            outage.Report(ex, "a background import's report");
        }
    }

    private sealed class LatestProgress : IProgress<ImportContent.ImportProgress>
    {
        private long bytes;
        private int lines;

        public (long Bytes, int Lines) Now => (Interlocked.Read(ref bytes), Volatile.Read(ref lines));

        public void Report(ImportContent.ImportProgress value)
        {
            Interlocked.Exchange(ref bytes, value.Bytes);
            Volatile.Write(ref lines, value.Lines);
        }
    }
}

/// <summary>
/// The upload limit of <c>/admin/import</c> from configuration (<c>Import:MaxUploadMB</c>), for Kestrel and the form
/// reader alike; what <c>[RequestSizeLimit]</c> and <c>[RequestFormLimits]</c> do with a constant. Runs before the
/// antiforgery check, which reads the form first. A larger upload is a 413 page that says the limit.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ImportUploadLimitAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    public const string LimitItem = "sesec.upload-limit";

    public int Order => -3000;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        var limit = BackgroundImports.MaxUploadBytes(http.RequestServices.GetRequiredService<IConfiguration>());
        http.Items[LimitItem] = limit;
        if (http.Request.ContentLength > limit + 64 * 1024)
        {
            // Said before anything reads the body (the antiforgery check would call a cut-off form a bad token).
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // The file and the form's other fields.
            size.MaxRequestBodySize = limit + 64 * 1024;
        }

        if (http.Features.Get<IFormFeature>() is not { Form: not null })
        {
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
        }
    }
}
