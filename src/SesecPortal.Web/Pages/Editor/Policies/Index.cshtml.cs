using Mediator;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Policies;

namespace SesecPortal.Web.Pages.Editor.Policies;

public sealed class IndexModel(ISender sender) : ReferenceListPage(sender)
{
    public override string Area => "policies";
    public override string Heading => "Policies";
    public override string AddLabel => "Add a policy";

    protected override IQuery<EditorList> ListQuery(string? search, int page) => new ListPoliciesToEdit.Query(search, page);
}
