using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Consultations;

/// <summary>
/// Drafts open for comment (soonest deadline first), standards coming into force soon, and the archive of past
/// consultations, on today's date from <see cref="TimeProvider"/>; for everything or one sector.
/// </summary>
public static class GetConsultations
{
    /// <summary>How far ahead "coming into force soon" looks.</summary>
    public const int SoonDays = 365;

    public sealed record Query(string? Sector = null) : IQuery<Result?>;

    public sealed record Result(DateOnly Today, Link? Sector, IReadOnlyList<Entry> Open, IReadOnlyList<Entry> ComingIntoForce, IReadOnlyList<Entry> Archive);

    /// <param name="Kind"><c>comments</c> (a comment deadline) or <c>in-force</c> (the day a standard takes effect).</param>
    public sealed record Entry(string Kind, string ItemKind, string Title, string? Code, string Url, DateOnly Date, int DaysFromToday, string? Issuer, IReadOnlyList<Link> Sectors)
    {
        /// <summary>A policy's Chinese title, when known.</summary>
        public string? TitleZh { get; init; }

        /// <summary>A policy's versions, when the draft is one of several (an earlier draft, its final text...); null otherwise.</summary>
        public Policies.PolicyChain? Chain { get; init; }
    }

    public sealed class Handler(PortalDbContext db, TimeProvider clock, IPortalAddresses addresses) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            Link? sector = null;
            if (!string.IsNullOrWhiteSpace(query.Sector))
            {
                sector = await db.Sectors.AsNoTracking().Where(s => s.Slug == query.Sector).Select(s => new Link(s.Slug, s.Name, null)).SingleOrDefaultAsync(ct);
                if (sector is null)
                {
                    return null;
                }
            }

            var entries = await ConsultationDates.LoadAsync(db, addresses, sector?.Slug, today, ct);
            var soon = today.AddDays(SoonDays);
            return new Result(
                today, sector,
                [.. entries.Where(e => e.Kind == "comments" && e.Date >= today).OrderBy(e => e.Date).ThenBy(e => e.Title)],
                [.. entries.Where(e => e.Kind == "in-force" && e.Date > today && e.Date <= soon).OrderBy(e => e.Date).ThenBy(e => e.Title)],
                [.. entries.Where(e => e.Kind == "comments" && e.Date < today).OrderByDescending(e => e.Date).ThenBy(e => e.Title)]);
        }
    }
}
