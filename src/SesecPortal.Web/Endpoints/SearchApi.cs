using Mediator;
using SesecPortal.Application.Features.Search;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Endpoints;

/// <summary><c>GET /api/search</c>: the same query handler as the search page, as JSON.</summary>
internal static class SearchApi
{
    public sealed record Response(
        string Query, int Total, bool MoreThanTotal, int Page, int PageCount, int PageSize, bool Approximate, string? ExactMatch,
        IReadOnlyList<string> Messages, IReadOnlyList<SearchPortal.Hit> Results, SearchPortal.Facets Facets);

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", async (HttpRequest request, ISender sender, CancellationToken ct) =>
        {
            var r = await sender.Send(SearchRequest.From(request.Query), ct);
            return Results.Ok(new Response(r.Query, r.Total, r.MoreThanTotal, r.Page, r.PageCount, SearchPortal.PageSize, r.Approximate, r.ExactMatchUrl, r.Messages, r.Hits, r.Facets));
        })
        .WithName("Search");
        return app;
    }
}
