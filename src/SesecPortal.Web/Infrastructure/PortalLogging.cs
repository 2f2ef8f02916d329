using Microsoft.AspNetCore.Http.Features;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// Serilog for the portal: structured events to the console (text, or JSON with <c>Logging:Json</c>) and, with
/// <c>Logging:File:Path</c>, to files rolled daily and at <c>Logging:File:SizeLimitMB</c>, keeping
/// <c>Logging:File:RetainedFiles</c>. One line per request, at a level that says how much it matters (see
/// <see cref="RequestLogLevels"/>), so a load test or a crawl does not fill the disk: errors and slow requests always,
/// cached and static answers at Debug, the rest at Information up to <c>Logging:RequestsPerSecond</c>.
/// </summary>
internal static class PortalLogging
{
    public const string StaticFileItem = "sesec.static-file";

    public static void Configure(LoggerConfiguration logger, IConfiguration configuration, IServiceProvider services)
    {
        logger.ReadFrom.Configuration(configuration).ReadFrom.Services(services).Enrich.FromLogContext()
            .Filter.ByExcluding(IsEchoOfAnAnsweredFailure);
        var json = configuration.GetValue("Logging:Json", false);
        if (json)
        {
            logger.WriteTo.Console(new CompactJsonFormatter());
        }
        else
        {
            logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}");
        }

        if (configuration["Logging:File:Path"] is { Length: > 0 } path)
        {
            logger.WriteTo.File(new CompactJsonFormatter(), path,
                rollingInterval: RollingInterval.Day,
                fileSizeLimitBytes: configuration.GetValue("Logging:File:SizeLimitMB", 100L) * 1024 * 1024,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: configuration.GetValue("Logging:File:RetainedFiles", 14),
                buffered: false);
        }
    }

    /// <summary>
    /// What the framework logs again about a failure the portal has answered already: Entity Framework's "an error occurred
    /// using the connection / a transaction / iterating a query" when the client hung up (the request is logged as 499) or
    /// the database went away (the outage is logged once, <see cref="DatabaseOutage"/>), and the health checks' report of a
    /// database that does not answer (the <c>/health/ready</c> response says it). Real errors are kept.
    /// </summary>
    public static bool IsEchoOfAnAnsweredFailure(LogEvent logEvent)
    {
        if (logEvent.Level < LogEventLevel.Warning || logEvent.Exception is null
            || !logEvent.Properties.TryGetValue("SourceContext", out var source) || source is not ScalarValue { Value: string name }
            || !name.StartsWith("Microsoft.", StringComparison.Ordinal))
        {
            return false;
        }

        return DatabaseFailure.IsTransient(logEvent.Exception)
            || (name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) && IsCancellation(logEvent.Exception));
    }

    public static bool IsCancellation(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 16; exception = exception.InnerException, depth++)
        {
            if (exception is OperationCanceledException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Outermost (after forwarded headers), so it logs the status the client got, once, without the exception.</summary>
    public static IApplicationBuilder UsePortalRequestLogging(this IApplicationBuilder app)
    {
        var levels = app.ApplicationServices.GetRequiredService<RequestLogLevels>();
        return app.UseSerilogRequestLogging(options =>
        {
            options.GetLevel = levels.For;
            options.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                diagnostics.Set("ClientAddress", context.Connection.RemoteIpAddress?.ToString());
                diagnostics.Set("Cache", RequestLogLevels.CacheState(context));
                if (context.Features.Get<IEndpointFeature>()?.Endpoint?.DisplayName is { } endpoint)
                {
                    diagnostics.Set("Endpoint", endpoint);
                }
            };
        });
    }
}

/// <summary>
/// The level of a request's log line: Error for a 5xx the portal did not mean (a 503 of an outage is meant, and logged
/// once by the outage); Warning when slower than <c>Logging:SlowRequestMs</c> (1,000 ms); Debug for answers from the
/// output cache and static files; Information for the rest, at most <c>Logging:RequestsPerSecond</c> (20) lines a second,
/// the others at Debug, with one line a minute counting them.
/// </summary>
internal sealed class RequestLogLevels(IConfiguration configuration, TimeProvider clock, ILogger<RequestLogLevels> logger)
{
    private readonly Lock gate = new();
    private readonly double slowMs = configuration.GetValue("Logging:SlowRequestMs", 1000.0);
    private readonly int perSecond = configuration.GetValue("Logging:RequestsPerSecond", 20);
    private long second;
    private int loggedThisSecond;
    private long minute;
    private long notLogged;

    public LogEventLevel For(HttpContext context, double elapsedMs, Exception? exception)
    {
        var status = context.Response.StatusCode;
        if (exception is not null || (status >= 500 && status != StatusCodes.Status503ServiceUnavailable))
        {
            return LogEventLevel.Error;
        }

        if (elapsedMs >= slowMs)
        {
            return LogEventLevel.Warning;
        }

        if (CacheState(context) is "hit" or "static")
        {
            return LogEventLevel.Debug;
        }

        return Sampled() ? LogEventLevel.Information : LogEventLevel.Debug;
    }

    public static string CacheState(HttpContext context) =>
        context.Items.ContainsKey(PortalLogging.StaticFileItem) ? "static"
        : context.Response.Headers.ContainsKey("Sesec-Last-Good-Copy") ? "last-good-copy"
        : context.Response.Headers.ContainsKey("Age") ? "hit"
        : "none";

    private bool Sampled()
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        long skipped = 0;
        bool logged;
        lock (gate)
        {
            if (now != second)
            {
                second = now;
                loggedThisSecond = 0;
            }

            logged = loggedThisSecond < perSecond;
            if (logged)
            {
                loggedThisSecond++;
            }
            else
            {
                notLogged++;
            }

            if (now / 60 != minute)
            {
                minute = now / 60;
                skipped = notLogged;
                notLogged = 0;
            }
        }

        if (skipped > 0)
        {
            logger.LogInformation("{NotLogged} requests in the last minute were served without a log line of their own (more than {PerSecond} a second)", skipped, perSecond);
        }

        return logged;
    }
}
