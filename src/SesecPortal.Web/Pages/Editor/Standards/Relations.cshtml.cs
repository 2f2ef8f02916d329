using Mediator;
using SesecPortal.Application.Domain;

namespace SesecPortal.Web.Pages.Editor.Standards;

public sealed class RelationsModel(ISender sender) : ReferenceRelationsPage(sender, ItemKind.Standard)
{
    public override string Area => "standards";
}
