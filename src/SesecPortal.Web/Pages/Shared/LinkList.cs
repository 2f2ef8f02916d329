using SesecPortal.Application.Common;

namespace SesecPortal.Web.Pages;

/// <summary>A titled list of links to items of one kind, rendered by <c>_LinkList</c>.</summary>
public sealed record LinkList(string Id, string Heading, string BasePath, IReadOnlyList<Link> Items);
