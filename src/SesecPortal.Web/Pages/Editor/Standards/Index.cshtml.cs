using Mediator;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.Web.Pages.Editor.Standards;

public sealed class IndexModel(ISender sender) : ReferenceListPage(sender)
{
    public override string Area => "standards";
    public override string Heading => "Standards";
    public override string AddLabel => "Add a standard";

    protected override IQuery<EditorList> ListQuery(string? search, int page) => new ListStandardsToEdit.Query(search, page);
}
