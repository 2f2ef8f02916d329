using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;

namespace SesecPortal.Application.Features.Standards;

/// <summary>
/// A standard's whole supersession chain in one query: the standards it replaced, and those they replaced, back to the
/// first; the standard that replaced it, and the one that replaced that, to the current one. A recursive CTE with the
/// standard's id as a parameter; the depth bound stops a cycle an editor might introduce.
/// </summary>
public static class SupersessionChain
{
    public const int MaxDepth = 50;

    /// <param name="Generation">Negative for what it replaced (-1 directly), positive for what replaced it (1 directly).</param>
    /// <param name="ReplacedBySlug">The standard this one was replaced by, so a tree of predecessors can be drawn.</param>
    public sealed record Row(int Generation, string Slug, string? Code, string TitleEn, DateOnly? PublishedOn, DateOnly? EffectiveOn, string? ReplacedBySlug);

    public static async Task<IReadOnlyList<Row>> LoadAsync(PortalDbContext db, int standardId, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<ChainRow>($"""
            WITH RECURSIVE successors(id, replaced_by_id, generation) AS (
                SELECT s.id, s.replaced_by_id, 1 FROM standards s
                WHERE s.id = (SELECT replaced_by_id FROM standards WHERE id = {standardId})
                UNION ALL
                SELECT n.id, n.replaced_by_id, c.generation + 1 FROM standards n
                JOIN successors c ON n.id = c.replaced_by_id
                WHERE c.generation < {MaxDepth}
            ), predecessors(id, generation) AS (
                SELECT s.id, -1 FROM standards s WHERE s.replaced_by_id = {standardId}
                UNION ALL
                SELECT p.id, c.generation - 1 FROM standards p
                JOIN predecessors c ON p.replaced_by_id = c.id
                WHERE c.generation > -{MaxDepth}
            ), chain AS (
                SELECT id, generation FROM successors UNION ALL SELECT id, generation FROM predecessors
            )
            SELECT x.generation, s.slug, s.code, s.title_en, s.published_on, s.effective_on,
                   r.slug AS replaced_by_slug, s.normalized_code
            FROM chain x
            JOIN standards s ON s.id = x.id
            LEFT JOIN standards r ON r.id = s.replaced_by_id
            WHERE s.id <> {standardId}
            """).ToListAsync(ct);

        // A cycle would list a standard twice; keep its nearest place.
        return [.. rows.GroupBy(r => r.Slug).Select(g => g.OrderBy(r => Math.Abs(r.Generation)).First())
            .OrderBy(r => r.Generation).ThenBy(r => r.NormalizedCode, StringComparer.Ordinal)
            .Select(r => new Row(r.Generation, r.Slug, r.Code, r.TitleEn, r.PublishedOn, r.EffectiveOn, r.ReplacedBySlug))];
    }

    // Read by EF Core's SqlQuery, whose snake_case naming convention maps its columns (title_en -> TitleEn).
#pragma warning disable CA1812 // Instantiated by EF Core's SqlQuery.
    internal sealed class ChainRow
#pragma warning restore CA1812
    {
        public int Generation { get; set; }
        public string Slug { get; set; } = "";
        public string? Code { get; set; }
        public string TitleEn { get; set; } = "";
        public DateOnly? PublishedOn { get; set; }
        public DateOnly? EffectiveOn { get; set; }
        public string? ReplacedBySlug { get; set; }
        public string? NormalizedCode { get; set; }
    }
}
