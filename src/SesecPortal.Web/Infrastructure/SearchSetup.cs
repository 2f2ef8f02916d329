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

        var concurrency = configuration.GetValue("Search:Concurrency", 2 * Environment.ProcessorCount);
        var queueLimit = configuration.GetValue("Search:QueueLimit", 64);
        var clauseCacheMB = configuration.GetValue("Search:ClauseCacheMB", 64);
        // Made by the container (not given as an instance) so the container disposes it: the writer's folder lock goes
        // with the portal, and another instance on the same folder can open it.
        services.AddSingleton(_ => new PortalSearchIndex(Path.GetFullPath(path), new SearchGate(concurrency, queueLimit), clauseCacheMB));
        services.AddScoped<SearchDocuments>();
        services.AddSingleton<SearchIndexFollower>();
        services.AddSingleton<IChangeFollower>(sp => sp.GetRequiredService<SearchIndexFollower>());
        // Ready once the index has caught up with the change log (a load balancer sends readers elsewhere meanwhile).
        services.AddHealthChecks().AddCheck<ChangeFeedHealthCheck>("change-followers", tags: [HealthEndpoints.Ready]);
        return services;
    }
}
