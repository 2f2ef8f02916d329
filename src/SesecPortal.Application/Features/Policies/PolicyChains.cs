using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Policies;

/// <summary>One version of a policy in its chain, as readers see it.</summary>
/// <param name="Number">Its place in the chain, from 1 (the first draft).</param>
/// <param name="Stage">What the version is: the first one's status ("Draft for comments"), then how each follows ("Final text").</param>
/// <param name="Kind">How it follows the previous version; null for the first.</param>
public sealed record PolicyVersion(
    int Number, string Slug, string Title, string? TitleZh, string Status, string Stage, string? Date, string? DateIso, string? DocumentNumber,
    PolicyVersionKind? Kind);

/// <summary>The versions of a policy in order, and which of them is the one being read.</summary>
/// <param name="Current">The number of the version being read (1-based).</param>
public sealed record PolicyChain(IReadOnlyList<PolicyVersion> Versions, int Current)
{
    public int Count => Versions.Count;

    /// <summary>Whether there is more than one version.</summary>
    public bool IsChain => Versions.Count > 1;

    public PolicyVersion This => Versions[Current - 1];

    public PolicyVersion? Previous => Current > 1 ? Versions[Current - 2] : null;

    public PolicyVersion? Next => Current < Versions.Count ? Versions[Current] : null;

    /// <summary>"Version 1 of 2: draft for comments, 29 October 2021".</summary>
    public string Heading => $"Version {Current.ToString(CultureInfo.InvariantCulture)} of {Count.ToString(CultureInfo.InvariantCulture)}: {Describe(This)}";

    /// <summary>"Draft for comments, 29 October 2021 → final text, 7 July 2022": every version, for a CSV cell or a short line.</summary>
    public string Text => string.Join(" → ", Versions.Select(v => Describe(v)));

    /// <summary>"draft for comments, 29 October 2021".</summary>
    public static string Describe(PolicyVersion v) =>
        char.ToLowerInvariant(v.Stage[0]) + v.Stage[1..] + (v.Date is null ? "" : ", " + v.Date);

    /// <summary>The version with this address, or null.</summary>
    public PolicyVersion? Find(string slug) => Versions.FirstOrDefault(v => v.Slug == slug);

    /// <summary>A policy that is in no chain: itself alone.</summary>
    public static PolicyChain Alone(PolicyVersion only) => new([only with { Number = 1 }], 1);
}

/// <summary>
/// Reads policies' version chains: from each policy back to the first version, then forward to the last, in one recursive
/// query for any number of policies (a page of a list, the digest), and the versions' details in a second. The depth bound
/// stops at a cycle, which the editors' and the import's rules never let in.
/// </summary>
public static class PolicyChains
{
    public const int MaxDepth = 100;

    /// <summary>The chains of the given policies, by policy id; a policy in no chain (one version) is left out.</summary>
    public static async Task<Dictionary<int, PolicyChain>> LoadAsync(PortalDbContext db, IReadOnlyCollection<int> policyIds, CancellationToken ct)
    {
        if (policyIds.Count == 0)
        {
            return [];
        }

        var ids = policyIds.Distinct().ToArray();
        var rows = await db.Database.SqlQuery<ChainRow>($"""
            WITH RECURSIVE up(start_id, id, previous_id, depth) AS (
                SELECT p.id, p.id, p.previous_version_id, 0 FROM policies p WHERE p.id = ANY({ids})
                UNION ALL
                SELECT up.start_id, p.id, p.previous_version_id, up.depth + 1 FROM up JOIN policies p ON p.id = up.previous_id
                WHERE up.depth < {MaxDepth}
            ), down(start_id, id, position) AS (
                SELECT start_id, id, 1 FROM up WHERE previous_id IS NULL
                UNION ALL
                SELECT down.start_id, p.id, down.position + 1 FROM down JOIN policies p ON p.previous_version_id = down.id
                WHERE down.position < {MaxDepth}
            )
            SELECT start_id, id, position FROM down
            """).ToListAsync(ct);
        var chains = rows.GroupBy(r => r.StartId).Where(g => g.Count() > 1).ToList();
        if (chains.Count == 0)
        {
            return [];
        }

        var versionIds = chains.SelectMany(g => g.Select(r => r.Id)).Distinct().ToList();
        var details = (await db.Policies.AsNoTracking().Where(p => versionIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Slug, p.Title, p.TitleZh, p.Status, p.IssuedOn, p.IssuedOnPrecision, p.DocumentNumber, p.VersionKind })
            .ToListAsync(ct))
            .ToDictionary(p => p.Id, p => new PolicyVersion(0, p.Slug, p.Title, p.TitleZh, Labels.Of(p.Status),
                p.VersionKind is { } k ? PolicyVersionKinds.Label(k) : Labels.Of(p.Status),
                p.IssuedOn is { } d ? PartialDate.Format(d, p.IssuedOnPrecision) : null,
                p.IssuedOn is { } i ? Iso(i, p.IssuedOnPrecision) : null, p.DocumentNumber, p.VersionKind));

        var result = new Dictionary<int, PolicyChain>();
        foreach (var chain in chains)
        {
            var ordered = chain.OrderBy(r => r.Position).Where(r => details.ContainsKey(r.Id)).ToList();
            var versions = ordered.Select((r, n) => details[r.Id] with { Number = n + 1 }).ToList();
            var current = ordered.FindIndex(r => r.Id == chain.Key) + 1;
            if (current > 0)
            {
                result[chain.Key] = new PolicyChain(versions, current);
            }
        }

        return result;
    }

    /// <summary>The chain of one policy (itself alone when it is in none).</summary>
    public static async Task<PolicyChain> LoadAsync(PortalDbContext db, int policyId, PolicyVersion self, CancellationToken ct) =>
        (await LoadAsync(db, [policyId], ct)).GetValueOrDefault(policyId) ?? PolicyChain.Alone(self);

    /// <summary>Whether linking <paramref name="policyId"/> after <paramref name="previousId"/> would close a loop: the policy is among the previous one's own earlier versions.</summary>
    public static async Task<bool> WouldCycleAsync(PortalDbContext db, int? policyId, int previousId, CancellationToken ct)
    {
        if (policyId is null)
        {
            return false;
        }

        if (policyId == previousId)
        {
            return true;
        }

        var id = policyId.Value;
        return await db.Database.SqlQuery<int>($"""
            WITH RECURSIVE up(id, previous_id, depth) AS (
                SELECT p.id, p.previous_version_id, 0 FROM policies p WHERE p.id = {previousId}
                UNION ALL
                SELECT p.id, p.previous_version_id, up.depth + 1 FROM up JOIN policies p ON p.id = up.previous_id WHERE up.depth < {MaxDepth}
            )
            SELECT count(*)::int AS "Value" FROM up WHERE id = {id}
            """).SingleAsync(ct) > 0;
    }

    /// <summary><c>2021-10-29</c>, <c>2021-10</c> or <c>2021</c>.</summary>
    public static string Iso(DateOnly d, DatePrecision precision) => precision switch
    {
        DatePrecision.Year => d.ToString("yyyy", CultureInfo.InvariantCulture),
        DatePrecision.Month => d.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    // Read by EF Core's SqlQuery, whose snake_case naming convention maps its columns (start_id -> StartId).
#pragma warning disable CA1812 // Instantiated by EF Core's SqlQuery.
    internal sealed class ChainRow
#pragma warning restore CA1812
    {
        public int StartId { get; set; }
        public int Id { get; set; }
        public int Position { get; set; }
    }
}
