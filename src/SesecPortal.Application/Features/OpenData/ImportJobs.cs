using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.OpenData;

/// <summary>
/// Imports run in the background (<c>/admin/import</c>): a job is queued with the uploaded file, started, moved on as the
/// file is read, and finished with <see cref="ImportContent"/>'s report or failed with the reason. Its progress is in the
/// database, so whichever instance a browser reaches shows it.
/// </summary>
public static class QueueImport
{
    public sealed record Command(string FileName, long Bytes, string Instance) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FileName).NotEmpty().MaximumLength(260);
            RuleFor(c => c.Bytes).GreaterThan(0).WithMessage("The file is empty: choose a JSON Lines file (.jsonl) with at least one line.");
            RuleFor(c => c.Instance).NotEmpty().MaximumLength(200);
        }
    }

    public sealed class Handler(PortalDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var job = new ImportJob
            {
                Id = Guid.CreateVersion7(now),
                FileName = Path.GetFileName(command.FileName),
                Bytes = command.Bytes,
                State = ImportState.Queued,
                QueuedBy = user.Name,
                Instance = command.Instance,
                QueuedAt = now,
                UpdatedAt = now,
            };
            db.ImportJobs.Add(job);
            await db.SaveChangesAsync(cancellationToken);
            return job.Id;
        }
    }
}

/// <summary>What the worker tells about a job: started, how far, finished (with the report) or failed.</summary>
public static class TrackImport
{
    public sealed record Started(Guid Id) : ICommand<Unit>;

    /// <summary>How far the job got; also a sign of life for the jobs queued behind it on the same instance.</summary>
    public sealed record Moved(Guid Id, long BytesRead, int Lines, string Instance) : ICommand<Unit>;

    /// <param name="SearchableIn">From the start until the last item was searchable on the instance that imported it.</param>
    public sealed record Finished(Guid Id, ImportContent.Result Result, TimeSpan? SearchableIn = null) : ICommand<Unit>;

    /// <summary>How fast the lines went in and when the last item could be found: "Written in 2.0 s (1,250 lines/s); searchable 2.4 s after the import began."</summary>
    public static string Timing(ImportContent.Result result, TimeSpan? searchableIn)
    {
        static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("N1", System.Globalization.CultureInfo.InvariantCulture);
        var rate = result.Lines / Math.Max(result.WrittenIn.TotalSeconds, 0.001);
        var text = $"Written in {Seconds(result.WrittenIn)} s ({rate.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} lines/s)";
        return searchableIn is { } s ? $"{text}; searchable {Seconds(s)} s after the import began." : text + ".";
    }

    public sealed record Failed(Guid Id, string Reason) : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, TimeProvider clock)
        : ICommandHandler<Started, Unit>, ICommandHandler<Moved, Unit>, ICommandHandler<Finished, Unit>, ICommandHandler<Failed, Unit>
    {
        public async ValueTask<Unit> Handle(Started command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await db.ImportJobs.Where(j => j.Id == command.Id).ExecuteUpdateAsync(
                s => s.SetProperty(j => j.State, ImportState.Running).SetProperty(j => j.StartedAt, now).SetProperty(j => j.UpdatedAt, now), cancellationToken);
            return Unit.Value;
        }

        public async ValueTask<Unit> Handle(Moved command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await db.ImportJobs.Where(j => j.Id == command.Id && j.State == ImportState.Running).ExecuteUpdateAsync(
                s => s.SetProperty(j => j.BytesRead, command.BytesRead).SetProperty(j => j.Lines, command.Lines).SetProperty(j => j.UpdatedAt, now), cancellationToken);
            await db.ImportJobs.Where(j => j.Instance == command.Instance && j.State == ImportState.Queued).ExecuteUpdateAsync(
                s => s.SetProperty(j => j.UpdatedAt, now), cancellationToken);
            return Unit.Value;
        }

        public async ValueTask<Unit> Handle(Finished command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var result = command.Result;
            var shown = result.Errors.Take(ImportJob.ReportedLines).Select(e => Shorten(e.ToString())).ToList();
            if (result.ErrorCount > shown.Count)
            {
                shown.Add($"… and {result.ErrorCount - shown.Count:N0} more refused lines (the import command lists them all).");
            }

            var report = shown.Count == 0 ? null : string.Join('\n', shown);
            await db.ImportJobs.Where(j => j.Id == command.Id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, ImportState.Finished).SetProperty(j => j.Summary, $"{result.Summary} {Timing(result, command.SearchableIn)}").SetProperty(j => j.Report, report)
                .SetProperty(j => j.ErrorCount, result.ErrorCount).SetProperty(j => j.Lines, result.Lines).SetProperty(j => j.BytesRead, j => j.Bytes)
                .SetProperty(j => j.FinishedAt, now).SetProperty(j => j.UpdatedAt, now), cancellationToken);
            return Unit.Value;
        }

        public async ValueTask<Unit> Handle(Failed command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var reason = Shorten(command.Reason, 2000);
            await db.ImportJobs.Where(j => j.Id == command.Id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, ImportState.Failed).SetProperty(j => j.Summary, reason).SetProperty(j => j.FinishedAt, now).SetProperty(j => j.UpdatedAt, now),
                cancellationToken);
            return Unit.Value;
        }

        private static string Shorten(string text, int max = 300) => text.Length > max ? text[..max] + "…" : text;
    }
}

/// <summary>One import as its page shows it, and the latest imports for the import page.</summary>
public static class GetImports
{
    /// <summary>A running import silent for this long stopped with the instance that ran it.</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromMinutes(2);

    public sealed record Query(Guid Id) : IQuery<Job?>;

    public sealed record LatestQuery(int Count = 10) : IQuery<IReadOnlyList<Job>>;

    public sealed record Job(Guid Id, string FileName, long Bytes, long BytesRead, int Lines, ImportState State, string? Summary,
        IReadOnlyList<string> Report, int ErrorCount, string QueuedBy, DateTimeOffset QueuedAt, DateTimeOffset? FinishedAt, bool Stalled)
    {
        public bool Done => State is ImportState.Finished or ImportState.Failed || Stalled;

        /// <summary>How far through the file, 0–100.</summary>
        public int Percent => Bytes <= 0 ? 0 : (int)Math.Clamp(BytesRead * 100 / Bytes, 0, 100);
    }

    public sealed class Handler(PortalDbContext db, TimeProvider clock) : IQueryHandler<Query, Job?>, IQueryHandler<LatestQuery, IReadOnlyList<Job>>
    {
        public async ValueTask<Job?> Handle(Query query, CancellationToken cancellationToken)
        {
            var row = await db.ImportJobs.AsNoTracking().Where(j => j.Id == query.Id).SingleOrDefaultAsync(cancellationToken);
            return row is null ? null : Map(row);
        }

        public async ValueTask<IReadOnlyList<Job>> Handle(LatestQuery query, CancellationToken cancellationToken)
        {
            var rows = await db.ImportJobs.AsNoTracking().OrderByDescending(j => j.QueuedAt).Take(Math.Clamp(query.Count, 1, 50)).ToListAsync(cancellationToken);
            return [.. rows.Select(Map)];
        }

        private Job Map(ImportJob j) => new(
            j.Id, j.FileName, j.Bytes, j.BytesRead, j.Lines, j.State, j.Summary,
            j.Report is null ? [] : j.Report.Split('\n'), j.ErrorCount, j.QueuedBy, j.QueuedAt, j.FinishedAt,
            Stalled: j.State is ImportState.Queued or ImportState.Running && clock.GetUtcNow() - j.UpdatedAt > Silence);
    }
}
