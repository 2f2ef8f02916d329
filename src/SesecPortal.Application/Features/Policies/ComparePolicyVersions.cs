using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Policies;

/// <summary>
/// What changed between two versions of a policy (a draft and its final text, a text and its amendment...): each field
/// side by side, and a line comparison of the whole (DiffPlex, as the editors' history shows it). Without versions named
/// it compares the one being read with the one before it (or, for the first, with the one after). A version that is not
/// in the chain, or the same version twice, is a problem the page explains; an unknown policy is null.
/// </summary>
public static class ComparePolicyVersions
{
    /// <param name="Slug">The policy whose chain is compared.</param>
    /// <param name="From">The older version's address (any version of the chain).</param>
    /// <param name="To">The newer version's address.</param>
    public sealed record Query(string Slug, string? From = null, string? To = null) : IQuery<Result?>;

    /// <param name="Comparison">Null when <see cref="Problem"/> says why there is nothing to compare.</param>
    public sealed record Result(string Slug, string Title, PolicyChain Chain, Comparison? Comparison, string? Problem);

    public sealed record Comparison(PolicyVersion From, PolicyVersion To, IReadOnlyList<Field> Fields, IReadOnlyList<TextDiff.Line> Lines)
    {
        public IEnumerable<Field> Changed => Fields.Where(f => f.Changed);
    }

    public sealed record Field(string Name, string? Older, string? Newer)
    {
        public bool Changed => !string.Equals(Older, Newer, StringComparison.Ordinal);
    }

    private const int MaxSlugLength = 120;

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var policy = await db.Policies.AsNoTracking().Where(p => p.Slug == query.Slug)
                .Select(p => new { p.Id, p.Slug, p.Title, p.TitleZh, p.Status, p.VersionKind, p.IssuedOn, p.IssuedOnPrecision, p.DocumentNumber })
                .SingleOrDefaultAsync(ct);
            if (policy is null)
            {
                return null;
            }

            var self = new PolicyVersion(1, policy.Slug, policy.Title, policy.TitleZh, Labels.Of(policy.Status),
                policy.VersionKind is { } k ? PolicyVersionKinds.Label(k) : Labels.Of(policy.Status), null, null, policy.DocumentNumber, policy.VersionKind);
            var chain = await PolicyChains.LoadAsync(db, policy.Id, self, ct);
            Result Problem(string message) => new(policy.Slug, policy.Title, chain, null, message);
            if (!chain.IsChain)
            {
                return Problem($"“{policy.Title}” has only one version: there is nothing to compare it with.");
            }

            var fromSlug = Clean(query.From);
            var toSlug = Clean(query.To);
            if (fromSlug is null && toSlug is null)
            {
                (fromSlug, toSlug) = chain.Previous is { } previous ? (previous.Slug, chain.This.Slug) : (chain.This.Slug, chain.Next!.Slug);
            }

            fromSlug ??= chain.This.Slug;
            toSlug ??= chain.This.Slug;
            foreach (var slug in new[] { fromSlug, toSlug })
            {
                if (chain.Find(slug) is null)
                {
                    return Problem(await NotInChainAsync(slug, chain, ct));
                }
            }

            if (fromSlug == toSlug)
            {
                return Problem("Choose two different versions to compare: both were the same.");
            }

            var older = await SnapshotAsync(fromSlug, ct);
            var newer = await SnapshotAsync(toSlug, ct);
            var fields = older.Select(o => new Field(o.Name, o.Value, newer.Single(n => n.Name == o.Name).Value)).ToList();
            var lines = TextDiff.Compare(Text(older), Text(newer));
            return new Result(policy.Slug, policy.Title, chain, new Comparison(chain.Find(fromSlug)!, chain.Find(toSlug)!, fields, lines), null);
        }

        private static string? Clean(string? slug) => string.IsNullOrWhiteSpace(slug) ? null : slug.Trim();

        private async Task<string> NotInChainAsync(string slug, PolicyChain chain, CancellationToken ct)
        {
            var versions = string.Join(", ", chain.Versions.Select(v => v.Slug));
            var shown = slug.Length > MaxSlugLength ? string.Concat(slug.AsSpan(0, 60), "…") : slug;
            var other = slug.Length > MaxSlugLength ? null : await db.Policies.AsNoTracking().Where(p => p.Slug == slug).Select(p => p.Title).SingleOrDefaultAsync(ct);
            return other is null
                ? $"There is no policy “{shown}”. The versions of this policy are: {versions}."
                : $"“{other}” is not a version of this policy, so the two cannot be compared. The versions of this policy are: {versions}.";
        }

        /// <summary>The fields a reader compares, in the order the policy page shows them.</summary>
        private async Task<List<(string Name, string? Value)>> SnapshotAsync(string slug, CancellationToken ct)
        {
            var p = await db.Policies.AsNoTracking().Where(p => p.Slug == slug)
                .Select(p => new
                {
                    p.Title, p.TitleZh, p.Kind, p.Status, p.IssuedOn, p.IssuedOnPrecision, p.CommentDeadline, p.DocumentNumber, p.CoIssuers, p.SourceUrl, p.Summary,
                    Authorities = p.Authorities.OrderBy(a => a.Position).Select(a => a.Organisation!.Name).ToList(),
                    Sectors = p.Sectors.OrderBy(s => s.Position).Select(s => s.Name).ToList(),
                })
                .AsSplitQuery().SingleAsync(ct);
            return
            [
                ("Title", p.Title), ("Chinese title", p.TitleZh), ("Kind", Labels.Of(p.Kind)), ("Status", Labels.Of(p.Status)),
                ("Issued", p.IssuedOn is { } d ? PartialDate.Format(d, p.IssuedOnPrecision) : null),
                ("Comments due", p.CommentDeadline is { } c ? PartialDate.Format(c) : null), ("Document number", p.DocumentNumber),
                ("Issuing authorities", p.Authorities.Count == 0 ? null : string.Join("; ", p.Authorities)), ("Co-issuers", p.CoIssuers),
                ("Sectors", p.Sectors.Count == 0 ? null : string.Join("; ", p.Sectors)), ("Source", p.SourceUrl), ("Summary", p.Summary?.Trim()),
            ];
        }

        private static string Text(List<(string Name, string? Value)> fields) =>
            string.Join('\n', fields.Select(f => f.Name == "Summary" ? $"Summary:\n{f.Value ?? "—"}" : $"{f.Name}: {f.Value ?? "—"}"));
    }
}
