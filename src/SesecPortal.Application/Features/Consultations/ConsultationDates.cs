using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Consultations;

/// <summary>The dated entries both the consultations page and the calendar feed are made of.</summary>
internal static class ConsultationDates
{
    /// <summary>Every comment deadline and in-force date, past and future: what the calendar feed carries too.</summary>
    public static async Task<List<GetConsultations.Entry>> LoadAsync(PortalDbContext db, IPortalAddresses addresses, string? sectorSlug, DateOnly today, CancellationToken ct)
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
                p.Id, p.Slug, p.Title, p.TitleZh, Deadline = p.CommentDeadline!.Value,
                Issuer = p.Authorities.OrderBy(a => a.Position).Select(a => a.Organisation!.Abbreviation ?? a.Organisation.Name).FirstOrDefault(),
                Sectors = p.Sectors.OrderBy(x => x.Position).Select(x => new Link(x.Slug, x.Name, null)).ToList(),
            })
            .AsSplitQuery().ToListAsync(ct);

        var entries = new List<GetConsultations.Entry>();
        foreach (var s in standardRows)
        {
            if (s.CommentDeadline is { } deadline)
            {
                entries.Add(new GetConsultations.Entry("comments", "standard", s.TitleEn, s.Code, addresses.Page(new ItemRef(ItemKind.Standard, s.Slug)), deadline, deadline.DayNumber - today.DayNumber, s.Issuer, s.Sectors));
            }

            if (s.EffectiveOn is { } effective)
            {
                entries.Add(new GetConsultations.Entry("in-force", "standard", s.TitleEn, s.Code, addresses.Page(new ItemRef(ItemKind.Standard, s.Slug)), effective, effective.DayNumber - today.DayNumber, s.Issuer, s.Sectors));
            }
        }

        var chains = await Policies.PolicyChains.LoadAsync(db, [.. policyRows.Select(p => p.Id)], ct);
        entries.AddRange(policyRows.Select(p => new GetConsultations.Entry("comments", "policy", p.Title, null, addresses.Page(new ItemRef(ItemKind.Policy, p.Slug)), p.Deadline,
            p.Deadline.DayNumber - today.DayNumber, p.Issuer, p.Sectors)
        {
            TitleZh = p.TitleZh, Chain = chains.GetValueOrDefault(p.Id),
        }));
        return entries;
    }
}
