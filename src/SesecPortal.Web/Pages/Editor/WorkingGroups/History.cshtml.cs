using Mediator;
using SesecPortal.Application.Domain;

namespace SesecPortal.Web.Pages.Editor.WorkingGroups;

public sealed class HistoryModel(ISender sender) : ReferenceHistoryPage(sender, ItemKind.WorkingGroup)
{
    public override string Area => "working-groups";
}
