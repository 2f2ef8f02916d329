using Mediator;
using SesecPortal.Application.Features.Consultations;

namespace SesecPortal.Web.Endpoints;

/// <summary><c>GET /consultations.ics[?sector=slug]</c>: comment deadlines and in-force dates for calendar programs.</summary>
internal static class CalendarFeeds
{
    public static IEndpointRouteBuilder MapCalendarFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/consultations.ics", async (string? sector, HttpRequest request, ISender sender, CancellationToken ct) =>
        {
            var baseUrl = $"{request.Scheme}://{request.Host}";
            var ics = await sender.Send(new GetConsultationCalendar.Query(string.IsNullOrWhiteSpace(sector) ? null : sector.Trim(), baseUrl), ct);
            return ics is null
                ? Results.NotFound($"There is no sector “{sector}”.")
                : Results.Text(ics, "text/calendar; charset=utf-8");
        })
        .CacheOutput(Infrastructure.CachePolicies.PublicPage);
        return app;
    }
}
