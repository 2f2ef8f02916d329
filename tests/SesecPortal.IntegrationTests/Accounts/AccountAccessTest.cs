using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.IntegrationTests.Accounts;

/// <summary>Accounts and roles: who may enter which route, signing in and out, lockout, rate limit, password reset.</summary>
public abstract partial class AccountAccessTest(IntegrationFixture fixture) : PortalTest(fixture)
{
    protected const string Password = "Correct-Horse-42";

    /// <summary>Every /editor and /admin route the portal serves, with a real id where the route needs one.</summary>
    protected async Task<List<string>> ProtectedRoutesAsync()
    {
        var someUserId = await Fixture.CreateUserAsync("someone@example.com", Password, Roles.Member);
        var sources = Fixture.Factory.Services.GetRequiredService<EndpointDataSource>();
        var routes = sources.Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r.StartsWith("/editor", StringComparison.OrdinalIgnoreCase) || r.StartsWith("/admin", StringComparison.OrdinalIgnoreCase))
            .Distinct()
            .Select(r => r.Replace("{id}", someUserId, StringComparison.Ordinal))
            // A route shared by several areas (/editor/{area:regex(^(standards|policies|...)$)}/...) is one route per area.
            .SelectMany(r => AreaParameter().Match(r) is { Success: true } m
                ? m.Groups["areas"].Value.Split('|').Select(area => r.Replace(m.Value, area, StringComparison.Ordinal))
                : [r])
            .ToList();
        // Item routes are /editor/<area>/{id:int}/...: fill in a real id of that area's first item.
        await using var scope = Fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["articles"] = await db.Articles.MinAsync(a => a.Id, Ct),
            ["issues"] = await db.Issues.MinAsync(i => i.Id, Ct),
            ["policies"] = await db.Policies.MinAsync(p => p.Id, Ct),
            ["standards"] = await db.Standards.MinAsync(s => s.Id, Ct),
            ["working-groups"] = await db.WorkingGroups.MinAsync(w => w.Id, Ct),
            ["organisations"] = await db.Organisations.MinAsync(o => o.Id, Ct),
            ["sectors"] = await db.Sectors.MinAsync(o => o.Id, Ct),
        };
        // An import's page (/admin/import/{id:guid}): a finished import.
        var import = new ImportJob
        {
            Id = Guid.NewGuid(), FileName = "earlier.jsonl", Bytes = 10, BytesRead = 10, State = ImportState.Finished, Summary = "1 line read.",
            QueuedBy = "admin@example.com", Instance = "test", QueuedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.ImportJobs.Add(import);
        await db.SaveChangesAsync(Ct);
        routes = [.. routes.Select(r =>
        {
            var segments = r.Split('/');
            return segments.Length > 2 && ids.TryGetValue(segments[2], out var id) ? r.Replace("{id:int}", id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) : r;
        }).Select(r => r.Replace("{id:guid}", import.Id.ToString(), StringComparison.Ordinal))];
        routes.ShouldNotBeEmpty();
        routes.ShouldAllBe(r => !r.Contains('{'), "every route parameter is filled in");
        routes.ShouldContain($"/editor/sectors/{ids["sectors"]}/delete", "a route shared by areas is checked in each");
        return routes;
    }

    /// <summary>
    /// Every page for any signed-in user: the watchlist (its private feed aside, which feed readers read without signing
    /// in) and everything under "My account" (/account/manage...).
    /// </summary>
    protected List<string> SignedInRoutes()
    {
        var routes = Fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => (r.StartsWith("/watchlist", StringComparison.OrdinalIgnoreCase) && !r.StartsWith("/watchlist/feed/", StringComparison.OrdinalIgnoreCase))
                || r.StartsWith("/account/manage", StringComparison.OrdinalIgnoreCase))
            .Distinct()
            .ToList();
        routes.ShouldNotBeEmpty();
        routes.ShouldContain("/account/manage/preferences");
        routes.ShouldContain("/account/manage/delete");
        routes.ShouldAllBe(r => !r.Contains('{'), "every route parameter is filled in");
        return routes;
    }

    protected async Task<T> SendCommandAsync<T>(Mediator.ICommand<T> command)
    {
        await using var scope = Fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(command, Ct);
    }

    protected static async Task<(HttpStatusCode Status, string Html)> GetWithAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [GeneratedRegex(@"\{area:regex\(\^\((?<areas>[^)]*)\)\$\)\}")]
    protected static partial Regex AreaParameter();

    protected static string MainOf(string html) => Regex.Match(html, "<main[^>]*>(.*)</main>", RegexOptions.Singleline).Groups[1].Value;
}
