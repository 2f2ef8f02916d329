using Mediator;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Sectors;

namespace SesecPortal.Web.Pages.Editor.Sectors;

public sealed class IndexModel(ISender sender) : ReferenceListPage(sender)
{
    public override string Area => "sectors";
    public override string Heading => "Sectors";
    public override string AddLabel => "Add a sector";

    protected override IQuery<EditorList> ListQuery(string? search, int page) => new ListSectorsToEdit.Query(search, page);
}
