using SesecPortal.Application.Changes;
using SesecPortal.Application.Features.Search;
using SesecPortal.Search;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// The search index of this instance: a Lucene index on local disk (<c>Search:IndexPath</c>, by default the git-ignored
/// <c>.data/search</c> at the repository root), derived from PostgreSQL and kept in step by following the change log;
/// searches are admitted through a first-come-first-served queue (<c>Search:Concurrency</c> at once, up to
/// <c>Search:QueueLimit</c> waiting; past it a quick 503).
/// </summary>
internal static class SearchSetup
{
    public static IServiceCollection AddPortalSearch(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var path = configuration["Search:IndexPath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            path = Path.Combine(DatabaseSetup.RepositoryRoot(environment.ContentRootPath), ".data", "search");
        }

        var gate = new SearchGate(
            configuration.GetValue("Search:Concurrency", 2 * Environment.ProcessorCount),
            configuration.GetValue("Search:QueueLimit", 64));
        services.AddSingleton(new PortalSearchIndex(Path.GetFullPath(path), gate));
        services.AddScoped<SearchDocuments>();
        services.AddSingleton<SearchIndexFollower>();
        services.AddSingleton<IChangeFollower>(sp => sp.GetRequiredService<SearchIndexFollower>());
        services.AddHealthChecks().AddCheck<SearchIndexHealthCheck>("search-index", tags: ["ready"]);
        return services;
    }
}

/// <summary>Ready once the index has caught up with the change log (a load balancer sends readers elsewhere meanwhile).</summary>
internal sealed class SearchIndexHealthCheck(SearchIndexFollower follower, PortalSearchIndex search) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(follower.CaughtUp
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy($"At change-log position {follower.Position}, {search.Index.DocumentCount} documents")
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy($"Catching up with the change log (at {follower.Position})"));
}
