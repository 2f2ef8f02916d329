using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// <c>/health</c> is liveness: the process serves requests (200), whatever the database does, so an orchestrator does not
/// restart a portal that is only waiting for its database. <c>/health/ready</c> is readiness: every check tagged
/// <see cref="Ready"/> (the primary answers, and the read connection's state), 503 when one is Unhealthy, so a load
/// balancer sends readers elsewhere. A check that readiness should include (the search index caught up, say) is added
/// with the tag <see cref="Ready"/>.
/// </summary>
internal static class HealthEndpoints
{
    public const string Ready = "ready";

    public static IServiceCollection AddPortalHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<PrimaryDatabaseHealthCheck>("database", tags: [Ready], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<ReadDatabaseHealthCheck>("database-read", tags: [Ready], timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    public static IEndpointRouteBuilder MapPortalHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(Ready), ResponseWriter = WriteAsync });
        return app;
    }

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), e.Value.Description }),
        });
    }

    /// <summary>Opens a connection of its own (never one waiting in the portal's pool) and asks <c>SELECT 1</c>, within 3 seconds.</summary>
    public static async Task<Exception?> AskAsync(string connectionString, string applicationName, CancellationToken ct)
    {
        var probe = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            Timeout = 3,
            CommandTimeout = 3,
            ApplicationName = applicationName,
        }.ConnectionString;
        try
        {
            await using var connection = new NpgsqlConnection(probe);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(ct);
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return ex;
        }
    }
}

/// <summary>
/// <c>/health/ready</c>'s "database": whether the primary answers. A transient failure also tells the outage tracker
/// (<see cref="DatabaseOutage"/>), so last good copies are served from the first failed check, before any reader fails.
/// </summary>
internal sealed class PrimaryDatabaseHealthCheck(PortalDatabases databases, DatabaseOutage outage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (await HealthEndpoints.AskAsync(databases.Primary, "sesec-health", cancellationToken) is not { } failure)
        {
            return HealthCheckResult.Healthy("The primary answers.");
        }

        if (DatabaseFailure.IsTransient(failure))
        {
            outage.Report(failure, "the readiness check");
        }

        return HealthCheckResult.Unhealthy($"The primary does not answer: {DatabaseFailure.Describe(failure)}", failure);
    }
}
