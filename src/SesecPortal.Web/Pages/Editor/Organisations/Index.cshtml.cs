using Mediator;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Organisations;

namespace SesecPortal.Web.Pages.Editor.Organisations;

public sealed class IndexModel(ISender sender) : ReferenceListPage(sender)
{
    public override string Area => "organisations";
    public override string Heading => "Organisations";
    public override string AddLabel => "Add an organisation";

    protected override IQuery<EditorList> ListQuery(string? search, int page) => new ListOrganisationsToEdit.Query(search, page);
}
