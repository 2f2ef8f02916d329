using System.Threading.Channels;
using Npgsql;
using SesecPortal.Application.Changes;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// Runs this instance's change-log followers (search index, cached pages): whenever the log grows (a notification from
/// <see cref="ChangeNotificationListener"/>, a command of this instance, or the periodic poll that catches missed
/// notifications), each follower reads on from its own position. A follower that fails (the database is away) is
/// retried at the next wake-up or poll; its position has not moved, so nothing is lost.
/// </summary>
internal sealed class ChangeFeed(
    IEnumerable<IChangeFollower> followers, PortalDatabases databases, DatabaseOutage outage, IConfiguration configuration, ILogger<ChangeFeed> logger)
    : BackgroundService, IChangeFeed
{
    private readonly IChangeFollower[] followers = [.. followers];
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TimeSpan poll = TimeSpan.FromSeconds(configuration.GetValue("Changes:PollSeconds", 2.0));
    private readonly TimeSpan waitLimit = TimeSpan.FromSeconds(configuration.GetValue("Changes:WaitSeconds", 10.0));
    private readonly TimeSpan batchWaitLimit = TimeSpan.FromSeconds(configuration.GetValue("Changes:BatchWaitSeconds", 600.0));
    private TaskCompletionSource passed = NewPass();
    private volatile bool running;
    private bool failing;

    public IReadOnlyList<IChangeFollower> Followers => followers;

    /// <summary>
    /// Every follower has read the whole log at least once since this instance started (the search index has caught
    /// up): until then, readiness says no, so a load balancer sends readers to instances that have.
    /// </summary>
    public bool CaughtUp { get; private set; }

    /// <summary>Asks the followers to read on now.</summary>
    public void Wake() => wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        running = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            await CatchUpAllAsync(stoppingToken);
            Interlocked.Exchange(ref passed, NewPass()).TrySetResult();
            using var nextPoll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            nextPoll.CancelAfter(poll);
            try
            {
                await wake.Reader.ReadAsync(nextPoll.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The periodic poll: notifications can be missed while the listener reconnects.
            }
        }

        running = false;
        passed.TrySetResult();
    }

    public async Task WaitPastAsync(long transactionId, TimeSpan? limit, CancellationToken ct)
    {
        var bound = limit ?? waitLimit;
        if (!running)
        {
            return;   // a command-line run: nothing follows the log in this process
        }

        using var within = CancellationTokenSource.CreateLinkedTokenSource(ct);
        within.CancelAfter(bound);
        while (running && Array.Exists(followers, f => !f.Position.IsPast(transactionId)))
        {
            var next = Volatile.Read(ref passed).Task;
            Wake();
            try
            {
                await next.WaitAsync(within.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(
                    "The change followers had not applied transaction {TransactionId} after {WaitSeconds} s; answering without waiting longer ({Positions})",
                    transactionId, bound.TotalSeconds, string.Join(", ", followers.Select(f => $"{f.Name} at {f.Position}")));
                return;
            }
        }
    }

    public async Task CatchUpAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(databases.Primary);
        await connection.OpenAsync(ct);
        var horizon = await ChangeLogReader.HorizonAsync(connection, ct);
        await WaitPastAsync(horizon.TransactionId - 1, batchWaitLimit, ct);
    }

    private async Task CatchUpAllAsync(CancellationToken ct)
    {
        var all = true;
        foreach (var follower in followers)
        {
            try
            {
                while (await follower.CatchUpAsync(ct))
                {
                }

                if (failing)
                {
                    failing = false;
                    logger.LogInformation("The change followers read the log again ({Follower} at {Position})", follower.Name, follower.Position);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (DatabaseFailure.IsTransient(ex))
            {
                // The database went away: the outage is logged once (DatabaseOutage); the follower's position has not moved,
                // and it reads on at the next wake-up or poll once the database answers.
                outage.Report(ex, $"the change follower {follower.Name}");
                failing = true;
                all = false;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                if (!failing)
                {
                    failing = true;
                    logger.LogError(ex, "The change follower {Follower} failed; it retries every {PollSeconds} s", follower.Name, poll.TotalSeconds);
                }

                all = false;
            }
        }

        CaughtUp |= all;
    }

    private static TaskCompletionSource NewPass() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Readiness: this instance's followers (the search index above all) have caught up with the change log.</summary>
internal sealed class ChangeFeedHealthCheck(ChangeFeed feed) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var positions = string.Join(", ", feed.Followers.Select(f => $"{f.Name} at {f.Position}"));
        return Task.FromResult(feed.CaughtUp
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy($"Following the change log: {positions}")
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy($"Catching up with the change log: {positions}"));
    }
}
