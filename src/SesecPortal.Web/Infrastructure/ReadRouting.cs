using System.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using SesecPortal.Application.Data;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// Sends queries (<c>IQuery&lt;T&gt;</c>: read-only by the house rules) to the read connection, and everything else to
/// the primary. A query reads from the standby only when all of these hold: a read connection is configured; the request
/// is a GET or HEAD (or there is no request: background work); the request carries no read-your-writes cookie (set for
/// a few seconds after any POST, so the page after a post-redirect-get shows the change even if the standby lags); and
/// no command ran earlier in the same scope. Identity, Data Protection and health checks use the DbContext directly, so
/// they always use the primary. A query that fails on the read connection (the standby stopped, a broken pooled
/// connection) runs once more on the primary, so readers see no error.
/// </summary>
internal sealed class ReadRouting<TMessage, TResponse>(
    PortalDbContext db, PortalDatabases databases, DatabaseRoute route, IHttpContextAccessor http, ILogger<ReadRouting<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseQuery)
        {
            route.PinToPrimary();
            return await next(message, cancellationToken);
        }

        if (databases.Read is not { } read || !route.MayRead(http.HttpContext) || db.Database.CurrentTransaction is not null
            || db.Database.GetDbConnection().State != ConnectionState.Closed)
        {
            return await next(message, cancellationToken);
        }

        db.Database.SetConnectionString(read);
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex) when (IsConnectionFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            // The cause in a line, not a stack trace per query while a standby is away.
            logger.LogWarning("{Query} failed on the read connection ({Cause}); running it on the primary", typeof(TMessage).Name, DatabaseFailure.Describe(ex));
            await db.Database.CloseConnectionAsync();
            db.Database.SetConnectionString(databases.Primary);
            return await next(message, cancellationToken);
        }
        finally
        {
            if (db.Database.GetDbConnection().State != ConnectionState.Closed)
            {
                await db.Database.CloseConnectionAsync();
            }

            db.Database.SetConnectionString(databases.Primary);
        }
    }

    private static bool IsConnectionFailure(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is NpgsqlException or IOException or System.Net.Sockets.SocketException)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Per scope (request): whether queries may still go to the read connection.</summary>
internal sealed class DatabaseRoute
{
    /// <summary>Set on responses to anything but GET and HEAD; while present, queries read from the primary.</summary>
    public const string ReadYourWritesCookie = "sesec-primary";

    private bool pinned;

    /// <summary>A command ran: later queries in this scope must see what it wrote.</summary>
    public void PinToPrimary() => pinned = true;

    public bool MayRead(HttpContext? context) =>
        !pinned && (context is null
            || ((HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                && !context.Request.Cookies.ContainsKey(ReadYourWritesCookie)));
}

/// <summary>
/// <c>/health/ready</c>'s "database-read": what answers the queries. Without a read connection the primary does, and the
/// check says whether it answers (it said Healthy during an outage of the only database). With one: Healthy when a
/// standby answers; Degraded when the primary answers it, or when the read connection fails and the primary answers
/// (queries fall back to it, ReadRouting); Unhealthy when neither answers.
/// </summary>
internal sealed class ReadDatabaseHealthCheck(PortalDatabases databases) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (databases.Read is null)
        {
            return await HealthEndpoints.AskAsync(databases.Primary, "sesec-health-read", cancellationToken) is { } down
                ? HealthCheckResult.Unhealthy($"Queries use the primary, which does not answer: {DatabaseFailure.Describe(down)}", down)
                : HealthCheckResult.Healthy("No read connection configured: queries use the primary, which answers.");
        }

        try
        {
            await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(databases.Read) { Timeout = 3, CommandTimeout = 3 }.ConnectionString);
            await conn.OpenAsync(cancellationToken);
            await using var cmd = new NpgsqlCommand("SELECT pg_is_in_recovery()", conn);
            return (bool)(await cmd.ExecuteScalarAsync(cancellationToken))!
                ? HealthCheckResult.Healthy("A standby answers the read connection.")
                : HealthCheckResult.Degraded("The primary answers the read connection: no standby is available.");
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            // Queries that fail on the read connection are run again on the primary (ReadRouting): degraded while it answers.
            return await HealthEndpoints.AskAsync(databases.Primary, "sesec-health-read", cancellationToken) is { } down
                ? HealthCheckResult.Unhealthy($"Neither the read connection nor the primary answers: {DatabaseFailure.Describe(down)}", down)
                : HealthCheckResult.Degraded("The read connection does not answer: queries fall back to the primary.", ex);
        }
    }
}
