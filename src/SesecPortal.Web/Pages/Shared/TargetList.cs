using SesecPortal.Application.Features.Targets;

namespace SesecPortal.Web.Pages;

/// <summary>A titled table of targets, rendered by <c>_Targets</c>.</summary>
public sealed record TargetList(string Id, string Heading, IReadOnlyList<TargetRow> Targets, bool ShowOwner);
