using Microsoft.EntityFrameworkCore;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>A page of an editor's list of items (policies, standards, committees, organisations, sectors).</summary>
public sealed record EditorList(IReadOnlyList<EditorList.Row> Rows, int Total, int Page, int PageCount)
{
    public sealed record Row(int Id, string Title, string Slug, string? Detail);

    /// <summary>An ILIKE pattern for what was typed, special characters escaped; null when nothing was.</summary>
    public static string? Pattern(string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return null;
        }

        var s = search.Trim();
        s = s.Length > 200 ? s[..200] : s;
        return "%" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
    }

    /// <summary>One page of <paramref name="rows"/> (already ordered); a page beyond the last shows the last.</summary>
    public static async Task<EditorList> PageAsync(IQueryable<Row> rows, int page, CancellationToken ct)
    {
        var total = await rows.CountAsync(ct);
        var pageCount = Math.Max(1, (total + ReferenceData.PageSize - 1) / ReferenceData.PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var list = await rows.Skip((page - 1) * ReferenceData.PageSize).Take(ReferenceData.PageSize).ToListAsync(ct);
        return new EditorList(list, total, page, pageCount);
    }
}
