using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Web.Endpoints;

namespace SesecPortal.Web.Infrastructure;

/// <summary>Open data (issue 6): import and export, the read API with its OpenAPI document, CORS and rate limit, Atom feeds, watchlists' private feeds.</summary>
internal static class OpenDataSetup
{
    public static IServiceCollection AddOpenData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<BulkImporter>();
        // Uploads are imported after their request, one at a time, with their progress in the database.
        services.AddSingleton<BackgroundImports>();
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundImports>());
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            // Every use case names its records Query and Result: name a schema after its use case too (GetPolicyResult), or they collide.
            options.CreateSchemaReferenceId = type =>
            {
                var id = OpenApiOptions.CreateDefaultSchemaReferenceId(type);
                return id is null || type.Type.DeclaringType is null ? id : type.Type.DeclaringType.Name + id;
            };
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "SesecPortal read API";
                document.Info.Description = "Articles, standards, policies, working groups, organisations, sectors and issues of the SESEC China "
                    + "Standardisation Newsletter portal. Read-only, any origin (GET, no credentials), rate-limited per client address.";
                return Task.CompletedTask;
            });
        });
        // Anyone may read from a browser page of their own: GET only, any origin, never with credentials (cookies).
        services.AddCors(o => o.AddPolicy(OpenDataApi.CorsPolicy, p => p.AllowAnyOrigin().WithMethods("GET").AllowAnyHeader()));
        var perMinute = configuration.GetValue("RateLimiting:ApiPerMinute", 120);
        services.AddRateLimiter(o => o.AddPolicy(OpenDataApi.RateLimitPolicy, new ApiRateLimitPolicy(perMinute)));
        return services;
    }

    public static WebApplication MapOpenData(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").RequireCors(OpenDataApi.CorsPolicy);
        app.MapOpenDataApi();
        app.MapAtomFeeds();
        app.MapWatchlistFeed();
        return app;
    }

    /// <summary>So many API requests a minute per client address; beyond, <c>429</c> with <c>Retry-After</c>.</summary>
    private sealed class ApiRateLimitPolicy(int perMinute) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, _) =>
        {
            // What is left of the client's window, not the window's length. The body is written by the status code pages:
            // problem details under /api, the error page for the watchlist feeds.
            var retryAfter = WindowRateLimiter.RetryAfterSeconds(context.Lease, TimeSpan.FromMinutes(1));
            var response = context.HttpContext.Response;
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            context.HttpContext.Items[PortalErrors.RateLimitMessageItem] =
                $"At most {perMinute} requests a minute from one address; try again in {retryAfter} second{(retryAfter == 1 ? "" : "s")}.";
            return ValueTask.CompletedTask;
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) => WindowRateLimiter.Partition(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", perMinute, TimeSpan.FromMinutes(1),
            httpContext.RequestServices.GetRequiredService<TimeProvider>());
    }
}
