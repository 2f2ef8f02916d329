using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;

namespace SesecPortal.Application.Features.Consultations;

/// <summary>
/// The iCalendar feed (RFC 5545, written by Ical.Net) of comment deadlines and in-force dates, whole or for one sector.
/// Each is an all-day event on its date (a date, not a time: the same day in every time zone, as the Chinese
/// authorities mean it), with a stable UID so calendar programs update rather than duplicate it.
/// </summary>
public static class GetConsultationCalendar
{
    public sealed record Query(string? Sector, string BaseUrl) : IQuery<string?>;

    public sealed class Handler(PortalDbContext db, TimeProvider clock, IPortalAddresses addresses) : IQueryHandler<Query, string?>
    {
        public async ValueTask<string?> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            if (query.Sector is not null && !await db.Sectors.AnyAsync(s => s.Slug == query.Sector, cancellationToken))
            {
                return null;
            }

            var entries = await ConsultationDates.LoadAsync(db, addresses, query.Sector, today, cancellationToken);
            var calendar = new Calendar { ProductId = "-//SesecPortal//Consultations and deadlines//EN" };
            calendar.AddProperty("X-WR-CALNAME", query.Sector is null ? "SesecPortal: consultations and in-force dates" : $"SesecPortal: consultations and in-force dates ({query.Sector})");
            calendar.AddProperty("METHOD", "PUBLISH");
            var stamp = new CalDateTime(clock.GetUtcNow().UtcDateTime, "UTC");
            foreach (var e in entries.OrderBy(e => e.Date))
            {
                var what = e.Kind == "comments" ? "Comments due" : "In force";
                var name = e.Code is null ? e.Title : $"{e.Code} {e.Title}";
                var url = query.BaseUrl.TrimEnd('/') + e.Url;
                calendar.Events.Add(new CalendarEvent
                {
                    Uid = $"{e.Kind}-{e.Url.Trim('/').Replace('/', '-')}@sesecportal",
                    Summary = $"{what}: {name}",
                    Description = $"{what}: {name}{(e.Issuer is null ? "" : $" ({e.Issuer})")}\n{url}",
                    Url = new Uri(url),
                    DtStamp = stamp,
                    DtStart = new CalDateTime(e.Date),
                    DtEnd = new CalDateTime(e.Date.AddDays(1)),
                    Transparency = TransparencyType.Transparent,
                    Categories = [.. e.Sectors.Select(s => s.Title)],
                });
            }

            return new CalendarSerializer().SerializeToString(calendar);
        }
    }
}
