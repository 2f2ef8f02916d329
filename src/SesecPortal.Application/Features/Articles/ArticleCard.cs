using SesecPortal.Application.Common;

namespace SesecPortal.Application.Features.Articles;

/// <summary>An article as lists show it: title, takeaway, date and sectors.</summary>
public sealed record ArticleCard(string Slug, string Title, string Summary, string? Date, IReadOnlyList<Link> Sectors);
