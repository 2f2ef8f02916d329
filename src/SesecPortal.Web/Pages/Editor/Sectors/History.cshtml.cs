using Mediator;
using SesecPortal.Application.Domain;

namespace SesecPortal.Web.Pages.Editor.Sectors;

public sealed class HistoryModel(ISender sender) : ReferenceHistoryPage(sender, ItemKind.Sector)
{
    public override string Area => "sectors";
}
