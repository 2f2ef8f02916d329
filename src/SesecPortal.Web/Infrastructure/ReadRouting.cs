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
            logger.LogWarning(ex, "{Query} failed on the read connection; running it on the primary", typeof(TMessage).Name);
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
/// <c>/health</c>'s second check: whether the read connection answers, and whether a standby or the primary answered.
/// A read connection that fails (a standby shutting down) is Degraded, since reads fall back to the primary.
/// </summary>
internal sealed class ReadDatabaseHealthCheck(PortalDatabases databases) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (databases.Read is null)
        {
            return HealthCheckResult.Healthy("No read connection configured: queries use the primary.");
        }

        try
        {
            await using var conn = new NpgsqlConnection(databases.Read);
            await conn.OpenAsync(cancellationToken);
            await using var cmd = new NpgsqlCommand("SELECT pg_is_in_recovery()", conn);
            return (bool)(await cmd.ExecuteScalarAsync(cancellationToken))!
                ? HealthCheckResult.Healthy("A standby answers the read connection.")
                : HealthCheckResult.Degraded("The primary answers the read connection: no standby is available.");
        }
        catch (NpgsqlException ex)
        {
            // Queries that fail on the read connection are run again on the primary (ReadRouting), so readers are still
            // served: degraded, not down. Whether the primary answers is the "database" check's to say.
            return HealthCheckResult.Degraded("The read connection does not answer: queries fall back to the primary.", ex);
        }
    }
}
