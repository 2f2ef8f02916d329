namespace SesecPortal.Application.Common;

/// <summary>A link to another item of the portal: its slug, the words to show, and an optional detail (a role, a date).</summary>
public sealed record Link(string Slug, string Title, string? Detail = null);
