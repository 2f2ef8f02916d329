using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Policies;

/// <summary>
/// The editors' rules for linking a policy after its previous version: the previous version is a policy (not a standard
/// or an article), not the policy itself, not one of its own later versions (no loop), and not already followed by
/// another version (a chain never forks).
/// </summary>
public static class PolicyVersionLink
{
    /// <summary>The address an editor typed, however: <c>measures-x</c>, <c>/policies/measures-x</c> or the page's whole address.</summary>
    public static string Normalize(IPortalAddresses addresses, string text)
    {
        var slug = text.Trim();
        if (Uri.TryCreate(slug, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            slug = uri.AbsolutePath;
        }

        slug = slug.Split('?', '#')[0].TrimEnd('/');
        // The policies' pages are the policy page of an empty slug followed by the slug.
        var prefix = addresses.Page(new ItemRef(ItemKind.Policy, ""));
        var at = slug.LastIndexOf(prefix, StringComparison.OrdinalIgnoreCase);
        return (at >= 0 ? slug[(at + prefix.Length)..] : slug.TrimStart('/')).ToLowerInvariant();
    }

    /// <summary>The previous version's id, or why it cannot be one.</summary>
    public static async Task<(int? Id, string? Problem)> CheckAsync(PortalDbContext db, IPortalAddresses addresses, int? policyId, string text, CancellationToken ct)
    {
        var slug = Normalize(addresses, text);
        var previous = await db.Policies.AsNoTracking().Where(p => p.Slug == slug).Select(p => new { p.Id, p.Title }).SingleOrDefaultAsync(ct);
        if (previous is null)
        {
            return (null, await NotAPolicyAsync(db, text.Trim(), slug, ct));
        }

        if (previous.Id == policyId)
        {
            return (null, "A version cannot follow itself: name the version before this one.");
        }

        if (await PolicyChains.WouldCycleAsync(db, policyId, previous.Id, ct))
        {
            return (null, $"“{previous.Title}” is a later version of this policy: linking this one after it would make the chain go round in a loop.");
        }

        var next = await db.Policies.AsNoTracking().Where(p => p.PreviousVersionId == previous.Id && p.Id != policyId).Select(p => p.Title).FirstOrDefaultAsync(ct);
        if (next is not null)
        {
            return (null, $"“{previous.Title}” is already followed by “{next}”: a version has one next version. Link this one after “{next}”, or unlink that one first.");
        }

        return (previous.Id, null);
    }

    private static async Task<string> NotAPolicyAsync(PortalDbContext db, string typed, string slug, CancellationToken ct)
    {
        var shown = typed.Length > 80 ? string.Concat(typed.AsSpan(0, 77), "…") : typed;
        var codeKey = StandardCode.TryParse(typed, out var code) ? code.Key : null;
        if (await db.Standards.AnyAsync(s => s.Slug == slug || (codeKey != null && s.CodeKey == codeKey), ct))
        {
            return $"“{shown}” is a standard, not a policy: a policy's previous version is a policy.";
        }

        if (await db.Articles.AnyAsync(a => a.Slug == slug, ct))
        {
            return $"“{shown}” is an article, not a policy: a policy's previous version is a policy.";
        }

        return $"There is no policy with the address “{shown}”: type the last part of the previous version's address (/policies/…).";
    }
}
