using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Serilog.Events;
using Serilog.Parsing;
using SesecPortal.TestSupport;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.IntegrationTests.Platform;

/// <summary>Issue 13's rules without a database: which failures are transient, log levels, the rate limiter's clock.</summary>
public sealed class LoggingAndLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_refused_connection_a_server_shutting_down_a_timeout_and_an_exhausted_pool_are_transient()
    {
        DatabaseFailure.IsTransient(new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused))).ShouldBeTrue();
        DatabaseFailure.IsTransient(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")).ShouldBeTrue();
        DatabaseFailure.IsTransient(new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03")).ShouldBeTrue();
        DatabaseFailure.IsTransient(new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300")).ShouldBeTrue();
        DatabaseFailure.IsTransient(new NpgsqlException("The connection pool has been exhausted", new TimeoutException("Timeout during connection attempt"))).ShouldBeTrue();
        // Entity Framework wraps what Npgsql throws.
        DatabaseFailure.IsTransient(new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new NpgsqlException("Exception while reading from stream", new IOException("reset")))).ShouldBeTrue();
    }

    [Fact]
    public void A_real_error_is_not_transient()
    {
        DatabaseFailure.IsTransient(new PostgresException("syntax error at or near \"SELEC\"", "ERROR", "ERROR", "42601")).ShouldBeFalse();
        DatabaseFailure.IsTransient(new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505")).ShouldBeFalse();
        DatabaseFailure.IsTransient(new InvalidOperationException("A bug")).ShouldBeFalse();
        DatabaseFailure.IsTransient(new TimeoutException("not from the database")).ShouldBeFalse();
    }

    [Fact]
    public void The_cause_of_an_outage_is_one_line_naming_what_happened()
    {
        DatabaseFailure.Describe(new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)))
            .ShouldBe("Failed to connect to 127.0.0.1:5432 (ConnectionRefused)");
        DatabaseFailure.Describe(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"))
            .ShouldBe("57P01: terminating connection due to administrator command");
    }

    [Fact]
    public async Task A_cancellation_wrapped_by_entity_framework_while_the_client_left_is_recorded_as_499()
    {
        using var source = new CancellationTokenSource();
        await source.CancelAsync();
        var context = new DefaultHttpContext { RequestAborted = source.Token };

        await ClientAborts.InvokeAsync(context, _ => throw new InvalidOperationException("An error occurred using a transaction.", new OperationCanceledException()));

        context.Response.StatusCode.ShouldBe(ClientAborts.ClientClosedRequest);
    }

    private static RequestLogLevels Levels(FakeTimeProvider clock, int perSecond = 2) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:RequestsPerSecond"] = perSecond.ToString(System.Globalization.CultureInfo.InvariantCulture) }).Build(),
        clock, NullLogger<RequestLogLevels>.Instance);

    private static DefaultHttpContext Answered(int status, string? header = null)
    {
        var context = new DefaultHttpContext();
        context.Response.StatusCode = status;
        if (header is not null)
        {
            context.Response.Headers[header] = "1";
        }

        return context;
    }

    [Fact]
    public void Answers_from_the_output_cache_and_static_files_are_logged_at_debug()
    {
        var levels = Levels(new FakeTimeProvider());
        var staticFile = Answered(200);
        staticFile.Items[PortalLogging.StaticFileItem] = true;

        levels.For(Answered(200, "Age"), 1, null).ShouldBe(LogEventLevel.Debug);
        levels.For(staticFile, 1, null).ShouldBe(LogEventLevel.Debug);
    }

    [Fact]
    public void Errors_and_slow_requests_are_always_logged()
    {
        var levels = Levels(new FakeTimeProvider(), perSecond: 0);

        levels.For(Answered(500), 1, null).ShouldBe(LogEventLevel.Error);
        levels.For(Answered(200, "Age"), 5000, null).ShouldBe(LogEventLevel.Warning);
        levels.For(Answered(200), 5000, null).ShouldBe(LogEventLevel.Warning);
    }

    [Fact]
    public void Other_requests_are_logged_up_to_so_many_a_second_then_at_debug()
    {
        var clock = new FakeTimeProvider();
        var levels = Levels(clock, perSecond: 2);

        var first = Enumerable.Range(0, 4).Select(_ => levels.For(Answered(200), 1, null)).ToList();
        clock.Advance(TimeSpan.FromSeconds(1));
        var next = levels.For(Answered(503), 1, null);

        first.ShouldBe([LogEventLevel.Information, LogEventLevel.Information, LogEventLevel.Debug, LogEventLevel.Debug]);
        next.ShouldBe(LogEventLevel.Information, "a 503 of an outage is meant: sampled, not an error");
    }

    private static LogEvent Event(string source, LogEventLevel level, Exception? exception) => new(
        DateTimeOffset.UtcNow, level, exception, new MessageTemplateParser().Parse("An error occurred using a transaction."),
        [new LogEventProperty("SourceContext", new ScalarValue(source))]);

    [Fact]
    public void What_the_framework_logs_again_about_an_outage_or_a_client_leaving_is_dropped_and_real_errors_are_kept()
    {
        PortalLogging.IsEchoOfAnAnsweredFailure(Event("Microsoft.EntityFrameworkCore.Database.Transaction", LogEventLevel.Error, new OperationCanceledException())).ShouldBeTrue();
        PortalLogging.IsEchoOfAnAnsweredFailure(Event("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogEventLevel.Error,
            new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)))).ShouldBeTrue();
        PortalLogging.IsEchoOfAnAnsweredFailure(Event("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", LogEventLevel.Error, new InvalidOperationException("A bug"))).ShouldBeFalse();
        PortalLogging.IsEchoOfAnAnsweredFailure(Event("SesecPortal.Web.Infrastructure.BackgroundImports", LogEventLevel.Error, new OperationCanceledException())).ShouldBeFalse();
    }

    [Fact]
    public void A_refused_request_is_told_what_is_left_of_the_window()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new WindowRateLimiter(2, TimeSpan.FromMinutes(1), clock);
        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue();
        clock.Advance(TimeSpan.FromSeconds(35));
        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue();

        using var refused = limiter.AttemptAcquire();

        refused.IsAcquired.ShouldBeFalse();
        WindowRateLimiter.RetryAfterSeconds(refused, TimeSpan.FromMinutes(1)).ShouldBe(25);
        refused.TryGetMetadata(MetadataName.RetryAfter, out var wait).ShouldBeTrue();
        wait.ShouldBe(TimeSpan.FromSeconds(25));
    }

    [Fact]
    public void A_new_window_grants_again_and_windows_follow_each_other_from_the_first()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new WindowRateLimiter(1, TimeSpan.FromMinutes(1), clock);
        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue();
        clock.Advance(TimeSpan.FromSeconds(150));

        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue("the third window has started");
        using var refused = limiter.AttemptAcquire();

        WindowRateLimiter.RetryAfterSeconds(refused, TimeSpan.FromMinutes(1)).ShouldBe(30, "the third window ends at 180 s");
    }

    [Fact]
    public async Task With_a_log_file_configured_request_lines_go_to_a_rolling_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sesecportal-tests", $"logs-{Guid.NewGuid():N}");
        try
        {
            await using (var factory = new PortalFactory("Host=127.0.0.1;Port=1;Database=nowhere;Username=nobody;Timeout=2", settings: new Dictionary<string, string>
            {
                ["Logging:File:Path"] = Path.Combine(folder, "portal-.json"),
                ["Serilog:MinimumLevel:Default"] = "Information",
            }))
            {
                using var client = factory.CreateClient();
                (await client.GetAsync(new Uri("/health", UriKind.Relative), Ct)).EnsureSuccessStatusCode();
            }

            var files = Directory.GetFiles(folder);
            files.ShouldHaveSingleItem().ShouldMatch(@"portal-\d{8}\.json$", "rolled by day");
            (await File.ReadAllTextAsync(files[0], Ct)).ShouldContain("\"RequestPath\":\"/health\"");
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
