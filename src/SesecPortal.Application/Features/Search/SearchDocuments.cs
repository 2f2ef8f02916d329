using System.Globalization;
using Markdig;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Search;

namespace SesecPortal.Application.Features.Search;

/// <summary>
/// Builds the search index's documents from PostgreSQL: what readers see of an article (published only), a policy, a
/// standard, a committee or an organisation, with what the portal knows around it (the organisations that lead a group,
/// a committee's name on its standards, a policy's authorities) as low-weight related text. Facets hold ids (sectors,
/// authorities, committees; an article's "standard" facet holds the standards it is about, a standard's its own id): a
/// renamed sector or organisation needs no re-indexing; names and slugs are read when a search answers. Each article,
/// standard and policy carries its change time (what watchlists window and sort by). One statement per kind and batch (collections by split queries), never one per item.
/// </summary>
public sealed class SearchDocuments(PortalDbContext db)
{
    public const int BatchSize = 2000;

    /// <summary>The kinds of item the index holds.</summary>
    public static readonly IReadOnlyList<ItemKind> Kinds = [ItemKind.Article, ItemKind.Policy, ItemKind.Standard, ItemKind.WorkingGroup, ItemKind.Organisation];

    public static string KindName(ItemKind kind) => kind switch
    {
        ItemKind.Article => "article",
        ItemKind.Policy => "policy",
        ItemKind.Standard => "standard",
        ItemKind.WorkingGroup => "working-group",
        ItemKind.Organisation => "organisation",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind the search index holds."),
    };

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The documents of these items that readers may find; an item missing from the result leaves the index.</summary>
    public Task<List<SearchDocument>> LoadAsync(ItemKind kind, IReadOnlyCollection<int> ids, CancellationToken ct) => LoadAsync(kind, 0, ids, ct);

    /// <summary>Every document of a kind, in batches by id (a rebuild).</summary>
    public async IAsyncEnumerable<List<SearchDocument>> AllAsync(ItemKind kind, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var after = 0;
        while (true)
        {
            var batch = await LoadAsync(kind, after, null, ct);
            if (batch.Count == 0)
            {
                yield break;
            }

            yield return batch;
            after = batch[^1].Id;
        }
    }

    /// <summary>
    /// The items whose documents carry something of this one (a committee's name on its standards, an organisation's name
    /// on the groups it leads and the policies it issues, a replacement's dates on the standard it supersedes): they are
    /// indexed again when it changes.
    /// </summary>
    public async Task<IReadOnlyList<(ItemKind Kind, int Id)>> DependentsAsync(ItemKind kind, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var result = new List<(ItemKind, int)>();
        switch (kind)
        {
            case ItemKind.Standard:
                // A replacement's dates are the day the standard it replaces becomes superseded.
                result.AddRange((await db.Standards.Where(s => s.ReplacedById != null && ids.Contains(s.ReplacedById.Value)).Select(s => s.Id).ToListAsync(ct))
                    .Select(id => (ItemKind.Standard, id)));
                break;
            case ItemKind.WorkingGroup:
                result.AddRange((await db.Standards.Where(s => s.CommitteeId != null && ids.Contains(s.CommitteeId.Value)).Select(s => s.Id).ToListAsync(ct))
                    .Select(id => (ItemKind.Standard, id)));
                break;
            case ItemKind.Organisation:
                result.AddRange((await db.Standards.Where(s => s.IssuerId != null && ids.Contains(s.IssuerId.Value)).Select(s => s.Id).ToListAsync(ct))
                    .Select(id => (ItemKind.Standard, id)));
                result.AddRange((await db.Set<PolicyAuthority>().Where(a => ids.Contains(a.OrganisationId)).Select(a => a.PolicyId).Distinct().ToListAsync(ct))
                    .Select(id => (ItemKind.Policy, id)));
                result.AddRange((await db.Set<WorkingGroupMember>().Where(m => m.OrganisationId != null && ids.Contains(m.OrganisationId.Value))
                    .Select(m => m.WorkingGroupId).Distinct().ToListAsync(ct)).Select(id => (ItemKind.WorkingGroup, id)));
                break;
        }

        return result;
    }

    private Task<List<SearchDocument>> LoadAsync(ItemKind kind, int afterId, IReadOnlyCollection<int>? ids, CancellationToken ct) => kind switch
    {
        ItemKind.Article => Articles(afterId, ids, ct),
        ItemKind.Policy => Policies(afterId, ids, ct),
        ItemKind.Standard => Standards(afterId, ids, ct),
        ItemKind.WorkingGroup => WorkingGroups(afterId, ids, ct),
        ItemKind.Organisation => Organisations(afterId, ids, ct),
        _ => Task.FromResult(new List<SearchDocument>()),
    };

    private static IQueryable<T> Batch<T>(IQueryable<T> items, Func<IQueryable<T>, IQueryable<T>> after, IReadOnlyCollection<int>? ids, Func<IQueryable<T>, IQueryable<T>> byIds) =>
        ids is null ? after(items).Take(BatchSize) : byIds(items);

    private async Task<List<SearchDocument>> Articles(int afterId, IReadOnlyCollection<int>? ids, CancellationToken ct)
    {
        var rows = await Batch(db.Articles.AsNoTracking().Where(a => a.Status == PublicationStatus.Published),
                q => q.Where(a => a.Id > afterId).OrderBy(a => a.Id), ids, q => q.Where(a => ids!.Contains(a.Id)))
            .Select(a => new
            {
                a.Id, a.Slug, a.Title, a.Summary, a.Body, Date = a.EventDate ?? a.PublishedOn, a.Tags, a.PublishedAt, a.UpdatedAt,
                Sectors = a.Sectors.Select(s => s.Id).ToList(),
                Organisations = a.Organisations.Select(o => o.Id).ToList(),
                Standards = a.Standards.Select(s => s.Id).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return [.. rows.Select(a => new SearchDocument
        {
            Kind = "article", Id = a.Id, Slug = a.Slug, Title = a.Title, Summary = a.Summary, Body = PlainText(a.Body), Date = a.Date,
            Related = a.Tags,
            ChangedAt = Latest(a.PublishedAt, a.UpdatedAt),
            Facets = WithStandards(Facets(a.Sectors, a.Organisations, a.Date?.Year), a.Standards),
        })];
    }

    private async Task<List<SearchDocument>> Policies(int afterId, IReadOnlyCollection<int>? ids, CancellationToken ct)
    {
        var rows = await Batch(db.Policies.AsNoTracking(), q => q.Where(p => p.Id > afterId).OrderBy(p => p.Id), ids, q => q.Where(p => ids!.Contains(p.Id)))
            .Select(p => new
            {
                p.Id, p.Slug, p.Title, p.TitleZh, p.Summary, p.DocumentNumber, p.IssuedOn, p.Status, p.ChangedAt,
                Sectors = p.Sectors.Select(s => s.Id).ToList(),
                Authorities = p.Authorities.OrderBy(a => a.Position).Select(a => new { a.OrganisationId, a.Organisation!.Name, a.Organisation.Abbreviation }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return [.. rows.Select(p => new SearchDocument
        {
            Kind = "policy", Id = p.Id, Slug = p.Slug, Title = p.Title, TitleZh = p.TitleZh, Code = p.DocumentNumber, Summary = PlainText(p.Summary), Date = p.IssuedOn,
            Status = p.Status.ToString(), ChangedAt = p.ChangedAt,
            Related = [.. p.Authorities.SelectMany(a => Names(a.Name, a.Abbreviation))],
            Facets = Facets(p.Sectors, p.Authorities.Select(a => a.OrganisationId), p.IssuedOn?.Year),
        })];
    }

    private async Task<List<SearchDocument>> Standards(int afterId, IReadOnlyCollection<int>? ids, CancellationToken ct)
    {
        var rows = await Batch(db.Standards.AsNoTracking(), q => q.Where(s => s.Id > afterId).OrderBy(s => s.Id), ids, q => q.Where(s => ids!.Contains(s.Id)))
            .Select(s => new
            {
                s.Id, s.Slug, s.Code, s.CodeKey, s.PlanCode, s.PlanCodeKey, s.TitleEn, s.TitleZh, s.Summary, s.Status, s.PublishedOn, s.DraftedOn,
                s.EffectiveOn, s.WithdrawnOn, s.NormalizedCode, s.Level, s.Year, s.CommitteeId, s.IssuerId, s.ChangedAt,
                SupersededOn = s.ReplacedBy == null ? null : s.ReplacedBy.EffectiveOn ?? s.ReplacedBy.PublishedOn,
                Committee = s.Committee == null ? null : new { s.Committee.Name, s.Committee.Code },
                Issuer = s.Issuer == null ? null : new { s.Issuer.Name, s.Issuer.Abbreviation },
                Sectors = s.Sectors.Select(x => x.Id).ToList(),
                Adoptions = s.Adoptions.OrderBy(a => a.Position).Select(a => new { a.Code, a.CodeKey }).ToList(),
                s.DraftingOrganisations, s.CompetentDepartment,
                Ics = s.Ics.Select(g => g.Code).ToList(), s.CcsCode,
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return [.. rows.Select(s =>
        {
            var related = new List<string>();
            if (s.Committee is { } committee)
            {
                related.AddRange(Names(committee.Name, committee.Code));
            }

            if (s.Issuer is { } issuer)
            {
                related.AddRange(Names(issuer.Name, issuer.Abbreviation));
            }

            var facets = WithStandards(Facets(s.Sectors, s.IssuerId is { } i ? [i] : [], s.Year ?? (s.PublishedOn ?? s.DraftedOn)?.Year), [s.Id]);
            AddStandardFacets(facets, s.Level, s.CommitteeId, s.Ics, s.CcsCode);
            return new SearchDocument
            {
                Kind = "standard", Id = s.Id, Slug = s.Slug, Title = s.TitleEn, TitleZh = s.TitleZh, Code = s.Code,
                CodeKeys = [.. new[] { s.CodeKey, s.PlanCodeKey }.Concat(s.Adoptions.Select(a => a.CodeKey)).OfType<string>().Distinct()],
                CodeSortKey = s.NormalizedCode,
                Summary = PlainText(s.Summary), Date = s.PublishedOn ?? s.EffectiveOn ?? s.DraftedOn, Status = s.Status.ToString(), EffectiveOn = s.EffectiveOn,
                WithdrawnOn = s.WithdrawnOn, SupersededOn = s.SupersededOn, ChangedAt = s.ChangedAt,
                Related = [.. related, .. new[] { s.PlanCode, s.CompetentDepartment }.OfType<string>(), .. s.Adoptions.Select(a => a.Code), .. s.DraftingOrganisations],
                Facets = facets,
            };
        })];
    }

    /// <summary>What only a standard is filtered and counted by: its level, committee, ICS groups and CCS code.</summary>
    private static void AddStandardFacets(Dictionary<string, IReadOnlyList<string>> facets, StandardLevel? level, int? committeeId, List<string> ics, string? ccsCode)
    {
        if (level is { } l)
        {
            facets["level"] = [l.ToString()];
        }

        if (committeeId is { } c)
        {
            facets["committee"] = [Id(c)];
        }

        // A filter on a group finds its sub-groups' standards, and a field counts everything below it.
        facets[ClassificationFacets.IcsFacet] = [.. ics.SelectMany(Classification.IcsWithAncestors).Distinct(StringComparer.Ordinal)];
        // The fields alone, counted when no ICS filter is on: one or two values a standard instead of every level.
        facets[ClassificationFacets.IcsFields] = [.. ics.Select(ClassificationFacets.FieldOf).Distinct(StringComparer.Ordinal)];
        if (ccsCode is { } ccs)
        {
            facets["ccs"] = [ccs];
            facets[ClassificationFacets.CcsClassFacet] = [ccs[..1]];
        }
    }

    private async Task<List<SearchDocument>> WorkingGroups(int afterId, IReadOnlyCollection<int>? ids, CancellationToken ct)
    {
        var rows = await Batch(db.WorkingGroups.AsNoTracking(), q => q.Where(w => w.Id > afterId).OrderBy(w => w.Id), ids, q => q.Where(w => ids!.Contains(w.Id)))
            .Select(w => new
            {
                w.Id, w.Slug, w.Name, w.Code, w.Focus, w.EstablishedOn,
                Items = w.WorkItems.OrderBy(i => i.Position).Select(i => i.Title).ToList(),
                Leaders = w.Members.Where(m => m.Organisation != null).Select(m => new { m.Organisation!.Name, m.Organisation.Abbreviation }).ToList(),
                Parent = w.Parent == null ? null : w.Parent.Code,
                Sectors = w.Sectors.Select(s => s.Id).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return [.. rows.Select(w => new SearchDocument
        {
            Kind = "working-group", Id = w.Id, Slug = w.Slug, Title = w.Name, Code = w.Code, Summary = PlainText(w.Focus), Body = string.Join("\n", w.Items),
            Date = w.EstablishedOn,
            Related = [.. w.Leaders.SelectMany(l => Names(l.Name, l.Abbreviation)), .. new[] { w.Parent }.OfType<string>()],
            Facets = Facets(w.Sectors, [], w.EstablishedOn?.Year),
        })];
    }

    private async Task<List<SearchDocument>> Organisations(int afterId, IReadOnlyCollection<int>? ids, CancellationToken ct)
    {
        var rows = await Batch(db.Organisations.AsNoTracking(), q => q.Where(o => o.Id > afterId).OrderBy(o => o.Id), ids, q => q.Where(o => ids!.Contains(o.Id)))
            .Select(o => new { o.Id, o.Slug, o.Name, o.Abbreviation, o.Description, Sectors = o.Sectors.Select(s => s.Id).ToList() })
            .AsSplitQuery()
            .ToListAsync(ct);
        return [.. rows.Select(o => new SearchDocument
        {
            Kind = "organisation", Id = o.Id, Slug = o.Slug, Title = o.Abbreviation is null ? o.Name : $"{o.Name} ({o.Abbreviation})",
            Summary = PlainText(o.Description), Facets = Facets(o.Sectors, [], null),
        })];
    }

    private static Dictionary<string, IReadOnlyList<string>> Facets(IEnumerable<int> sectors, IEnumerable<int> authorities, int? year)
    {
        var facets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["sector"] = [.. sectors.Distinct().Select(Id)],
            ["authority"] = [.. authorities.Distinct().Select(Id)],
        };
        if (year is { } y)
        {
            facets["year"] = [y.ToString(CultureInfo.InvariantCulture)];
        }

        return facets;
    }

    /// <summary>
    /// The "standard" facet: the standards an article is about, a standard itself; following a standard is following
    /// both (one filter).
    /// </summary>
    private static Dictionary<string, IReadOnlyList<string>> WithStandards(Dictionary<string, IReadOnlyList<string>> facets, IEnumerable<int> standards)
    {
        facets["standard"] = [.. standards.Distinct().Select(Id)];
        return facets;
    }

    /// <summary>The later of two times (either may be missing), as PostgreSQL's GREATEST.</summary>
    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static IEnumerable<string> Names(string name, string? other) => other is null || other == name ? [name] : [name, other];

    private static string? PlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? null : Markdown.ToPlainText(markdown).Trim();
}
