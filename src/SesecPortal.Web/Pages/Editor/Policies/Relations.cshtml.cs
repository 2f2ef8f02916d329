using Mediator;
using SesecPortal.Application.Domain;

namespace SesecPortal.Web.Pages.Editor.Policies;

public sealed class RelationsModel(ISender sender) : ReferenceRelationsPage(sender, ItemKind.Policy)
{
    public override string Area => "policies";
}
