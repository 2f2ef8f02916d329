using Mediator;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Endpoints;

/// <summary>
/// <c>GET /digest.csv</c>: the digest page's rows as CSV, with the page's parameters. Public, so cached like the page and
/// evicted with it when content changes.
/// </summary>
internal static class DigestDownload
{
    public static IEndpointRouteBuilder MapDigestDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet("/digest.csv", (HttpContext context, ISender sender, CancellationToken ct) =>
            CsvExport.DigestAsync(context, sender, DigestRequest.From(context.Request.Query), ct))
            .CacheOutput(CachePolicies.PublicPage).ExcludeFromDescription();
        return app;
    }
}
