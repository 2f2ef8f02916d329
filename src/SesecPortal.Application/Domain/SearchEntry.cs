using NpgsqlTypes;

namespace SesecPortal.Application.Domain;

/// <summary>
/// The row of the former PostgreSQL search table, whose table the migration <c>OneSearchPathLucene</c> dropped. Kept
/// only so that the standards finder compiles until its rewrite onto the search index lands; delete it then (with its
/// configuration, the DbSet, <see cref="Data.SearchFunctions"/> and its mapping).
/// </summary>
public sealed class SearchEntry
{
    public long Id { get; set; }
    public SearchKind Kind { get; set; }
    public int ItemId { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? Code { get; set; }
    public string? CodeKey { get; set; }
    public string? Summary { get; set; }
    /// <summary>Plain text (Markdown stripped): what snippets are cut from.</summary>
    public string? Body { get; set; }
    public DateOnly? Date { get; set; }
    public int? Year { get; set; }
    /// <summary>The facet value: a standard's or policy's stored status (a standard's is read with <see cref="EffectiveOn"/>).</summary>
    public string? Status { get; set; }
    /// <summary>A standard's effective date: "published" becomes "in force" on that day without re-indexing.</summary>
    public DateOnly? EffectiveOn { get; set; }
    public List<string> Sectors { get; set; } = [];
    /// <summary>Issuing authorities (policies), issuer (standards), organisations named (articles).</summary>
    public List<string> Authorities { get; set; } = [];
    public NpgsqlTsVector SearchVector { get; set; } = null!;
}
