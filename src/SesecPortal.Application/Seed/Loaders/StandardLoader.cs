using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Seed.Loaders;

/// <summary>
/// Adds the seed's standards not stored yet, then which of them replaces which. Standards are referred to by code
/// (in any spelling) or by slug.
/// </summary>
internal static class StandardLoader
{
    public static async Task LoadAsync(PortalDbContext db, SeedContext ctx, SeedRecords records, CancellationToken ct)
    {
        var keys = ctx.Seed.Standards.Select(Key).ToList();
        var stored = await db.Standards
            .Where(s => (s.CodeKey != null && keys.Contains(s.CodeKey)) || keys.Contains(s.Slug))
            .ToListAsync(ct);
        var standards = records.Standards;
        foreach (var s in stored)
        {
            standards[s.CodeKey ?? s.Slug] = s;
        }

        records.NewStandards.AddRange(ctx.Seed.Standards.Where(s => !standards.ContainsKey(Key(s))));
        foreach (var s in records.NewStandards)
        {
            var standard = NewStandard(s, ctx, records);
            if (s.Code is not null && !StandardCode.TryParse(s.Code, out _))
            {
                ctx.Problem($"standard {s.Code}: the code does not parse.");
            }
            else
            {
                standard.SetCode(s.Code);
            }

            standards[Key(s)] = standard;
            db.Standards.Add(standard);
        }

        foreach (var s in records.NewStandards)
        {
            foreach (var replaced in s.Replaces)
            {
                ctx.FindStandard(standards, replaced, $"standard {s.Code} replaces")?.ReplacedBy = standards[Key(s)];
            }
        }
    }

    /// <summary>The key a seed standard is known by: the key of its code, else its slug (or one made from its title).</summary>
    private static string Key(SeedStandard s) => s.Code is null ? s.Slug ?? Slug.From(s.TitleEn) : StandardCode.KeyOf(s.Code);

    private static Standard NewStandard(SeedStandard s, SeedContext ctx, SeedRecords records)
    {
        var where = $"standard {s.Code ?? s.Slug}";
        return new Standard
        {
            Slug = s.Slug ?? Slug.From(StandardCode.Normalize(s.Code) ?? s.Code ?? s.TitleEn),
            TitleEn = s.TitleEn, TitleZh = s.TitleZh, Status = ctx.Enum<StandardStatus>(s.Status, where),
            PublishedOn = ctx.Date(s.PublishedOn, where), EffectiveOn = ctx.Date(s.EffectiveOn, where),
            WithdrawnOn = ctx.Date(s.WithdrawnOn, where), CommentDeadline = ctx.Date(s.CommentDeadline, where),
            DraftedOn = ctx.Date(s.DraftedOn, where), Summary = s.Summary?.Trim(),
            Committee = s.Committee is null ? null : ctx.Find(records.WorkingGroups, s.Committee, $"{where} committee"),
            Issuer = s.Issuer is null ? null : ctx.Find(records.Organisations, s.Issuer, $"{where} issuer"),
            Sectors = ctx.Sectors(records.Sectors, s.Sectors, where),
            Adoptions = [.. s.Adopts.Select((a, i) => StandardAdoption.Of(i, a.Code, Degree(a.Degree, where, ctx)))],
            RecordUrl = WebAddress(s.RecordUrl, $"{where} recordUrl", ctx), FullTextUrl = WebAddress(s.FullTextUrl, $"{where} fullTextUrl", ctx),
            PurchaseUrl = WebAddress(s.PurchaseUrl, $"{where} purchaseUrl", ctx),
            DraftingOrganisations = [.. s.DraftingOrganisations.Select(o => o.Trim())], Drafters = [.. s.Drafters.Select(d => d.Trim())],
            CompetentDepartment = s.CompetentDepartment?.Trim(),
        };
    }

    private static AdoptionDegree? Degree(string degree, string where, SeedContext ctx)
    {
        if (Adoption.TryParseDegree(degree, out var parsed))
        {
            return parsed;
        }

        ctx.Problem($"{where}: the degree of adoption “{degree}” is not IDT, MOD or NEQ.");
        return null;
    }

    private static string? WebAddress(string? url, string field, SeedContext ctx)
    {
        if (url is not null && !ReferenceData.IsWebAddress(url))
        {
            ctx.Problem($"{field}: {ReferenceData.WebAddressMessage}");
        }

        return url?.Trim();
    }
}
