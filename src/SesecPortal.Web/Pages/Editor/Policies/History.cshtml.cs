using Mediator;
using SesecPortal.Application.Domain;

namespace SesecPortal.Web.Pages.Editor.Policies;

public sealed class HistoryModel(ISender sender) : ReferenceHistoryPage(sender, ItemKind.Policy)
{
    public override string Area => "policies";
}
