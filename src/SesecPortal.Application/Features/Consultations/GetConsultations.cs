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
    public sealed record Entry(string Kind, string ItemKind, string Title, string? Code, string Url, DateOnly Date, int DaysFromToday, string? Issuer, IReadOnlyList<Link> Sectors);

    public sealed class Handler(PortalDbContext db, TimeProvider clock) : IQueryHandler<Query, Result?>
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

            var entries = await DatedEntriesAsync(sector?.Slug, today, ct);
            var soon = today.AddDays(SoonDays);
            return new Result(
                today, sector,
                [.. entries.Where(e => e.Kind == "comments" && e.Date >= today).OrderBy(e => e.Date).ThenBy(e => e.Title)],
                [.. entries.Where(e => e.Kind == "in-force" && e.Date > today && e.Date <= soon).OrderBy(e => e.Date).ThenBy(e => e.Title)],
                [.. entries.Where(e => e.Kind == "comments" && e.Date < today).OrderByDescending(e => e.Date).ThenBy(e => e.Title)]);
        }

        /// <summary>Every comment deadline and in-force date, past and future: what the calendar feed carries too.</summary>
        public async Task<List<Entry>> DatedEntriesAsync(string? sectorSlug, DateOnly today, CancellationToken ct)
        {
            var standards = db.Standards.AsNoTracking().Where(s => s.CommentDeadline != null || s.EffectiveOn != null);
            var policies = db.Policies.AsNoTracking().Where(p => p.CommentDeadline != null);
            if (sectorSlug is not null)
            {
                standards = standards.Where(s => s.Sectors.Any(x => x.Slug == sectorSlug));
                policies = policies.Where(p => p.Sectors.Any(x => x.Slug == sectorSlug));
            }

            var standardRows = await standards
                .Select(s => new
                {
                    s.Slug, s.Code, s.TitleEn, s.CommentDeadline, s.EffectiveOn,
                    Issuer = s.Issuer != null ? s.Issuer.Abbreviation ?? s.Issuer.Name : s.Committee != null ? s.Committee.Name : null,
                    Sectors = s.Sectors.OrderBy(x => x.Position).Select(x => new Link(x.Slug, x.Name, null)).ToList(),
                })
                .AsSplitQuery().ToListAsync(ct);
            var policyRows = await policies
                .Select(p => new
                {
                    p.Slug, p.Title, Deadline = p.CommentDeadline!.Value,
                    Issuer = p.Authorities.OrderBy(a => a.Position).Select(a => a.Organisation!.Abbreviation ?? a.Organisation.Name).FirstOrDefault(),
                    Sectors = p.Sectors.OrderBy(x => x.Position).Select(x => new Link(x.Slug, x.Name, null)).ToList(),
                })
                .AsSplitQuery().ToListAsync(ct);

            var entries = new List<Entry>();
            foreach (var s in standardRows)
            {
                if (s.CommentDeadline is { } deadline)
                {
                    entries.Add(new Entry("comments", "standard", s.TitleEn, s.Code, $"/standards/{s.Slug}", deadline, deadline.DayNumber - today.DayNumber, s.Issuer, s.Sectors));
                }

                if (s.EffectiveOn is { } effective)
                {
                    entries.Add(new Entry("in-force", "standard", s.TitleEn, s.Code, $"/standards/{s.Slug}", effective, effective.DayNumber - today.DayNumber, s.Issuer, s.Sectors));
                }
            }

            entries.AddRange(policyRows.Select(p => new Entry("comments", "policy", p.Title, null, $"/policies/{p.Slug}", p.Deadline, p.Deadline.DayNumber - today.DayNumber, p.Issuer, p.Sectors)));
            return entries;
        }
    }
}
