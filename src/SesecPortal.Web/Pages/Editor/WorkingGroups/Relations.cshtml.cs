using Mediator;
using SesecPortal.Application.Domain;

namespace SesecPortal.Web.Pages.Editor.WorkingGroups;

public sealed class RelationsModel(ISender sender) : ReferenceRelationsPage(sender, ItemKind.WorkingGroup)
{
    public override string Area => "working-groups";
}
