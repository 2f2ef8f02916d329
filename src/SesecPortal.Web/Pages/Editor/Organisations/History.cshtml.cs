using Mediator;
using SesecPortal.Application.Domain;

namespace SesecPortal.Web.Pages.Editor.Organisations;

public sealed class HistoryModel(ISender sender) : ReferenceHistoryPage(sender, ItemKind.Organisation)
{
    public override string Area => "organisations";
}
