using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace SesecPortal.TestSupport;

/// <summary>
/// A migrated, seeded database and the real portal on it, served by Kestrel on a loopback port. One per test assembly:
/// subclass it with the database name the assembly uses.
/// </summary>
public abstract class PortalFixture(string name) : IAsyncLifetime
{
    private HashSet<string>? rebuiltSegments;

    public PortalDatabase Database { get; private set; } = null!;
    public PortalFactory Factory { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;

    /// <summary>The SMTP server the portal sends its mail to, over TCP: what it received is what members would.</summary>
    public TestSmtpServer Mail { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        Database = await PortalDatabase.CreateAsync(name);
        Mail = TestSmtpServer.Start();
        Factory = new PortalFactory(Database.ConnectionString, kestrel: true, settings: Mail.Settings());
        Address = Factory.ServerAddress;
    }

    /// <summary>A client of the Kestrel server that does not follow redirects, so tests see them.</summary>
    public HttpClient CreateClient() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address };

    /// <summary>A client that keeps cookies, like a browser: for signing in.</summary>
    public HttpClient CreateSignedInCapableClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = Address };

    /// <summary>Creates an account with the given roles (through the portal's own command).</summary>
    public async Task<string> CreateUserAsync(string email, string password, params string[] roles)
    {
        await using var scope = CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(
            new SesecPortal.Application.Features.Accounts.CreateUser.Command(email, null, password, roles));
    }

    /// <summary>
    /// Makes handlers called from this test see a signed-in user with these roles (as the web would), until disposed.
    /// </summary>
    public IDisposable ActAs(string name, params string[] roles)
    {
        var accessor = Factory.Services.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>();
        var claims = new List<System.Security.Claims.Claim>
        {
            new(System.Security.Claims.ClaimTypes.NameIdentifier, name),
            new(System.Security.Claims.ClaimTypes.Name, name),
        };
        claims.AddRange(roles.Select(r => new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, r)));
        accessor.HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext
        {
            User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(claims, "test")),
        };
        return new Reset(accessor);
    }

    private sealed class Reset(Microsoft.AspNetCore.Http.IHttpContextAccessor accessor) : IDisposable
    {
        public void Dispose() => accessor.HttpContext = null;
    }

    /// <summary>
    /// Waits until the portal's change followers (search index, cached pages) have applied everything committed so far:
    /// after a test writes to the database directly rather than through a command.
    /// </summary>
    public Task WaitForChangesAsync() => Factory.Services.GetRequiredService<SesecPortal.Application.Changes.IChangeFeed>().CatchUpAsync(CancellationToken.None);

    /// <summary>
    /// Back to the seed alone: the database emptied and seeded again, the search index rebuilt from it (the items the last
    /// test added left no trace in the log), and every follower caught up. The rebuild is left out when the index holds
    /// the very segments the last one wrote: no document was added, changed or deleted since, so it holds the seed alone.
    /// </summary>
    public async Task ResetAsync()
    {
        await Database.ResetAsync();
        // A batch the follower read before the reset is applied by now: it cannot land in the index after the look below.
        await WaitForChangesAsync();
        if (rebuiltSegments is null || !SearchSegments().SetEquals(rebuiltSegments))
        {
            await Factory.Services.GetRequiredService<SesecPortal.Application.Features.Search.SearchIndexFollower>().RebuildAsync(CancellationToken.None);
            rebuiltSegments = SearchSegments();
            await WaitForChangesAsync();
        }
    }

    /// <summary>
    /// The files of the index's segments (Lucene names them <c>_…</c>): any document written, changed or deleted lands in
    /// a new one; a commit that only moves the index's position on the change log writes <c>segments_N</c> alone.
    /// </summary>
    private HashSet<string> SearchSegments() =>
        Directory.Exists(Factory.SearchIndexPath)
            ? [.. Directory.EnumerateFiles(Factory.SearchIndexPath, "_*").Select(Path.GetFileName).OfType<string>()]
            : [];

    /// <summary>A DI scope of the running portal, for calling handlers through the real Mediator pipeline.</summary>
    public AsyncServiceScope CreateScope() => Factory.Services.CreateAsyncScope();

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        if (Mail is not null)
        {
            await Mail.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}
