using Mediator;
using SesecPortal.Application.Domain;

namespace SesecPortal.Web.Pages.Editor.Standards;

public sealed class HistoryModel(ISender sender) : ReferenceHistoryPage(sender, ItemKind.Standard)
{
    public override string Area => "standards";
}
