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

        var codeKeys = new Dictionary<string, string>();
        foreach (var label in labels)
        {
            if (StandardCode.TryParse(label, out var code))
            {
                codeKeys[code.Key] = ArticleReferences.KeyOf(label);
            }
        }

        if (codeKeys.Count > 0)
        {
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

        // Whatever no standard answered is looked up by name; results are filed under each label's own key.
        var keyOfText = labels.Where(l => !found.ContainsKey(ArticleReferences.KeyOf(l)))
            .GroupBy(l => l.Trim().ToLowerInvariant())
            .ToDictionary(g => g.Key, g => ArticleReferences.KeyOf(g.First()));
        var texts = keyOfText.Keys.ToList();
        if (texts.Count == 0)
        {
            return found;
        }

        var compact = texts.Select(Compact).ToList();
        // ToLower() here is SQL lower() against a list of lower-cased labels; the StringComparison overloads CA1862 suggests do not translate.
#pragma warning disable CA1862
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

        var groups = await db.WorkingGroups.AsNoTracking()
            .Where(w => texts.Contains(w.Slug) || (w.Code != null && compact.Contains(w.Code.Replace(" ", "").ToLower())))
            .Select(w => new { w.Id, w.Slug, w.Code, w.Name })
            .ToListAsync(ct);
        foreach (var w in groups)
        {
            foreach (var t in texts.Where(t => t == w.Slug || (w.Code is not null && Compact(t) == Compact(w.Code))))
            {
                found.TryAdd(keyOfText[t], new Target(ItemKind.WorkingGroup, w.Id, $"/working-groups/{w.Slug}", w.Code is null ? w.Name : $"{w.Code} {w.Name}"));
            }
        }

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

#pragma warning restore CA1862
        return found;
    }

    /// <summary>Renders Markdown with its references resolved.</summary>
    public async Task<string> RenderAsync(MarkdownRenderer renderer, string? markdown, CancellationToken ct)
    {
        var targets = await ResolveAsync(ArticleReferences.Find(markdown), ct);
        return renderer.ToHtml(markdown, label => targets.TryGetValue(ArticleReferences.KeyOf(label), out var t) ? t.Url : null);
    }

    private static string Compact(string text) => text.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
}
