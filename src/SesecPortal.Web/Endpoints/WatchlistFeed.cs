using Mediator;
using SesecPortal.Application.Features.Watchlists;

namespace SesecPortal.Web.Endpoints;

/// <summary>
/// A watchlist's private Atom feed: <c>/watchlist/feed/{token}.atom</c>, for feed readers (no sign-in). The token is the
/// secret; an unknown, regenerated or revoked one is <c>404</c>. Never cached by the portal or anyone between (it is
/// one member's), kept out of search engines and referrers, and rate-limited per address like the API.
/// </summary>
internal static class WatchlistFeed
{
    public static string Address(string token) => $"/watchlist/feed/{token}.atom";

    public static IEndpointRouteBuilder MapWatchlistFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/watchlist/feed/{token}.atom", async (string token, HttpContext context, ISender sender, CancellationToken ct) =>
            {
                var headers = context.Response.Headers;
                headers.CacheControl = "private, no-store";
                headers["X-Robots-Tag"] = "noindex";
                headers["Referrer-Policy"] = "no-referrer";
                var feed = await sender.Send(new GetWatchlistFeed.Query(token), ct);
                return feed is null ? Results.NotFound() : await AtomFeeds.AtomAsync(context, feed, "/watchlist/feed/" + token + ".atom");
            })
            .RequireRateLimiting(OpenDataApi.RateLimitPolicy)
            .ExcludeFromDescription();
        return app;
    }
}
