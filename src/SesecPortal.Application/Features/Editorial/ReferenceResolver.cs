using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>
/// Finds what <c>[[...]]</c> references name: a standard by its code (however typed) or the plan number it was drafted
/// under, a policy by title, slug or document number, a working group by code or slug, an organisation by abbreviation
/// or slug. One query per kind, whatever the number of references.
/// </summary>
public sealed class ReferenceResolver(PortalDbContext db)
{
    public sealed record Target(ItemKind Kind, int Id, string Url, string Title);

    /// <summary>The references found, by <see cref="ArticleReferences.KeyOf"/>; unresolved labels are absent.</summary>
    public async Task<IReadOnlyDictionary<string, Target>> ResolveAsync(IReadOnlyCollection<string> labels, CancellationToken ct)
    {
        var found = new Dictionary<string, Target>();
        if (labels.Count == 0)
        {
            return found;
        }

        await StandardsAsync(labels, found, ct);

        // Whatever no standard answered is looked up by name; results are filed under each label's own key.
        var keyOfText = labels.Where(l => !found.ContainsKey(ArticleReferences.KeyOf(l)))
            .GroupBy(l => l.Trim().ToLowerInvariant())
            .ToDictionary(g => g.Key, g => ArticleReferences.KeyOf(g.First()));
        if (keyOfText.Count == 0)
        {
            return found;
        }

        await PoliciesAsync(keyOfText, found, ct);
        await WorkingGroupsAsync(keyOfText, found, ct);
        await OrganisationsAsync(keyOfText, found, ct);
        return found;
    }

    /// <summary>Standards by their code (however typed) or the plan number they were drafted under.</summary>
    private async Task StandardsAsync(IReadOnlyCollection<string> labels, Dictionary<string, Target> found, CancellationToken ct)
    {
        var codeKeys = new Dictionary<string, string>();
        foreach (var label in labels)
        {
            if (StandardCode.TryParse(label, out var code))
            {
                codeKeys[code.Key] = ArticleReferences.KeyOf(label);
            }
        }

        if (codeKeys.Count == 0)
        {
            return;
        }

        var keys = codeKeys.Keys.ToList();
        var standards = await db.Standards.AsNoTracking()
            .Where(s => keys.Contains(s.CodeKey!) || keys.Contains(s.PlanCodeKey!))
            .Select(s => new { s.Id, s.Slug, s.Code, s.TitleEn, s.CodeKey, s.PlanCodeKey })
            .ToListAsync(ct);
        // An exact code first; a plan number leads to the standard it became only when it has no record of its own.
        foreach (var s in standards.OrderBy(s => s.CodeKey is not null && keys.Contains(s.CodeKey) ? 0 : 1))
        {
            var key = s.CodeKey is not null && codeKeys.TryGetValue(s.CodeKey, out var k) ? k : codeKeys[s.PlanCodeKey!];
            found.TryAdd(key, new Target(ItemKind.Standard, s.Id, $"/standards/{s.Slug}", s.Code is null ? s.TitleEn : $"{s.Code} {s.TitleEn}"));
        }
    }

    // ToLower() in the queries below is SQL lower() against a list of lower-cased labels; the StringComparison overloads CA1862 suggests do not translate.
#pragma warning disable CA1862

    /// <summary>Policies by slug, title or document number (<paramref name="keyOfText"/>: each lower-cased text's key).</summary>
    private async Task PoliciesAsync(Dictionary<string, string> keyOfText, Dictionary<string, Target> found, CancellationToken ct)
    {
        var texts = keyOfText.Keys.ToList();
        var policies = await db.Policies.AsNoTracking()
            .Where(p => texts.Contains(p.Slug) || texts.Contains(p.Title.ToLower()) || (p.DocumentNumber != null && texts.Contains(p.DocumentNumber.ToLower())))
            .Select(p => new { p.Id, p.Slug, p.Title, p.DocumentNumber })
            .ToListAsync(ct);
        foreach (var p in policies)
        {
            foreach (var t in texts.Where(t => t == p.Slug || t == p.Title.ToLowerInvariant() || t == p.DocumentNumber?.ToLowerInvariant()))
            {
                found.TryAdd(keyOfText[t], new Target(ItemKind.Policy, p.Id, $"/policies/{p.Slug}", p.Title));
            }
        }
    }

    /// <summary>
    /// Working groups by slug, code or committee path: a path names a group by its code and its parents' codes ("TC 28/SC 42",
    /// "SAC/TC 28/SC 42": a first part may be the organisation above the top committee). The last part finds the candidates.
    /// </summary>
    private async Task WorkingGroupsAsync(Dictionary<string, string> keyOfText, Dictionary<string, Target> found, CancellationToken ct)
    {
        var texts = keyOfText.Keys.ToList();
        var compact = texts.Select(Compact).ToList();
        var paths = texts.Where(t => t.Contains('/', StringComparison.Ordinal))
            .ToDictionary(t => t, t => t.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Compact).ToArray());
        var lastParts = paths.Values.Where(p => p.Length > 1).Select(p => p[^1]).Distinct().ToList();
        var groups = await db.WorkingGroups.AsNoTracking()
            .Where(w => texts.Contains(w.Slug) || (w.Code != null && (compact.Contains(w.Code.Replace(" ", "").ToLower()) || lastParts.Contains(w.Code.Replace(" ", "").ToLower()))))
            .Select(w => new { w.Id, w.Slug, w.Code, w.Name, w.ParentId })
            .ToListAsync(ct);
        var chains = lastParts.Count == 0 ? null : await CommitteeChainsAsync(ct);
        var organisationParts = lastParts.Count == 0 ? new HashSet<string>() : await OrganisationAbbreviationsAsync(paths.Values.Where(p => p.Length > 1).Select(p => p[0]), ct);
        foreach (var w in groups)
        {
            foreach (var t in texts.Where(t => t == w.Slug || (w.Code is not null && Compact(t) == Compact(w.Code))
                || (chains is not null && paths.TryGetValue(t, out var path) && path.Length > 1 && NamesChain(path, chains[w.Id], organisationParts))))
            {
                found.TryAdd(keyOfText[t], new Target(ItemKind.WorkingGroup, w.Id, $"/working-groups/{w.Slug}", w.Code is null ? w.Name : $"{w.Code} {w.Name}"));
            }
        }
    }

    /// <summary>Organisations by slug or abbreviation.</summary>
    private async Task OrganisationsAsync(Dictionary<string, string> keyOfText, Dictionary<string, Target> found, CancellationToken ct)
    {
        var texts = keyOfText.Keys.ToList();
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => texts.Contains(o.Slug) || (o.Abbreviation != null && texts.Contains(o.Abbreviation.ToLower())))
            .Select(o => new { o.Id, o.Slug, o.Name, o.Abbreviation })
            .ToListAsync(ct);
        foreach (var o in organisations)
        {
            foreach (var t in texts.Where(t => t == o.Slug || t == o.Abbreviation?.ToLowerInvariant()))
            {
                found.TryAdd(keyOfText[t], new Target(ItemKind.Organisation, o.Id, $"/organisations/{o.Slug}", o.Name));
            }
        }
    }

#pragma warning restore CA1862

    /// <summary>Renders Markdown with its references resolved.</summary>
    public async Task<string> RenderAsync(MarkdownRenderer renderer, string? markdown, CancellationToken ct)
    {
        var targets = await ResolveAsync(ArticleReferences.Find(markdown), ct);
        return renderer.ToHtml(markdown, label => targets.TryGetValue(ArticleReferences.KeyOf(label), out var t) ? t.Url : null);
    }

    private static string Compact(string text) => text.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>
    /// Whether <paramref name="path"/> (compacted parts) names the group whose codes from the top committee down are
    /// <paramref name="chain"/>: the parts are the end of the chain, or an organisation followed by the whole chain.
    /// </summary>
    private static bool NamesChain(string[] path, IReadOnlyList<string?> chain, IReadOnlySet<string> organisations)
    {
        static bool EndsWith(ReadOnlySpan<string> parts, IReadOnlyList<string?> chain)
        {
            if (parts.Length > chain.Count)
            {
                return false;
            }

            for (var i = 1; i <= parts.Length; i++)
            {
                if (chain[^i] is not { } code || Compact(code) != parts[^i])
                {
                    return false;
                }
            }

            return true;
        }

        return EndsWith(path, chain) || (organisations.Contains(path[0]) && path.Length - 1 == chain.Count && EndsWith(path.AsSpan(1), chain));
    }

    /// <summary>Every group's codes from its top committee down to itself (the groups are a few hundred rows).</summary>
    private async Task<Dictionary<int, IReadOnlyList<string?>>> CommitteeChainsAsync(CancellationToken ct)
    {
        var all = await db.WorkingGroups.AsNoTracking().Select(w => new { w.Id, w.ParentId, w.Code }).ToDictionaryAsync(w => w.Id, ct);
        var chains = new Dictionary<int, IReadOnlyList<string?>>();
        foreach (var group in all.Values)
        {
            var chain = new List<string?>();
            // Parents form a tree (editing refuses a group that would be its own ancestor); the bound guards bad data.
            for (var at = group; at is not null && chain.Count < 32; at = at.ParentId is { } parent && all.TryGetValue(parent, out var p) ? p : null)
            {
                chain.Insert(0, at.Code);
            }

            chains[group.Id] = chain;
        }

        return chains;
    }

    private async Task<IReadOnlySet<string>> OrganisationAbbreviationsAsync(IEnumerable<string> firstParts, CancellationToken ct)
    {
        var parts = firstParts.Distinct().ToList();
#pragma warning disable CA1862 // SQL lower(), see above
        var abbreviations = await db.Organisations.AsNoTracking()
            .Where(o => o.Abbreviation != null && parts.Contains(o.Abbreviation.Replace(" ", "").ToLower()))
            .Select(o => o.Abbreviation!)
            .ToListAsync(ct);
#pragma warning restore CA1862
        return abbreviations.Select(Compact).ToHashSet();
    }
}
