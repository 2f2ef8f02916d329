using Mediator;
using SesecPortal.Application.Domain;

namespace SesecPortal.Web.Pages.Editor.Organisations;

public sealed class RelationsModel(ISender sender) : ReferenceRelationsPage(sender, ItemKind.Organisation)
{
    public override string Area => "organisations";
}
