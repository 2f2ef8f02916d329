using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SesecPortal.TestSupport;

/// <summary>The real portal (Program.cs) on a given database; optionally served by Kestrel on a loopback port for a browser.</summary>
public sealed class PortalFactory(
    string connectionString, bool kestrel = false, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <summary>The address Kestrel listens on (browser tests).</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var server = Services.GetRequiredService<IServer>();
            return new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
    }

    /// <summary>This portal's search index folder, under the temporary folder.</summary>
    public string SearchIndexPath { get; } = Path.Combine(Path.GetTempPath(), "sesecportal-tests", "search", Guid.NewGuid().ToString("N"));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(SearchIndexPath, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Portal", connectionString);
        builder.UseSetting("Database:InitialiseOnStartup", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Tests sign in many times from 127.0.0.1; the rate-limit test sets its own low limit.
        builder.UseSetting("RateLimiting:SignInPerMinute", "100000");
        builder.UseSetting("RateLimiting:ApiPerMinute", "100000");
        // Tests publish scheduled revisions by calling the handler with a fake clock; no background timer races them.
        builder.UseSetting("Publishing:Scheduler", "false");
        // Every portal of a test run has an index of its own (an index folder takes one writer), removed with it.
        builder.UseSetting("Search:IndexPath", SearchIndexPath);
        // Tests queue alerts by calling the job with a fake clock; the mail worker runs only where a test gives it an
        // SMTP server (TestSmtpServer.Settings), so no other host takes the outbox's messages, and none lands in .data/mail.
        builder.UseSetting("Alerts:Scheduler", "false");
        builder.UseSetting("Email:Outbox:Worker", "false");
        builder.UseSetting("Email:PickupDirectory", Path.Combine(Path.GetTempPath(), "sesecportal-tests", "mail"));
        // People fill forms in a blink in tests; the bot trap's time check has its own test.
        builder.UseSetting("Accounts:FormMinimumSeconds", "0");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureServices(services);
        }

        if (kestrel)
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        }
    }
}
