using Mediator;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.WorkingGroups;

namespace SesecPortal.Web.Pages.Editor.WorkingGroups;

public sealed class IndexModel(ISender sender) : ReferenceListPage(sender)
{
    public override string Area => "working-groups";
    public override string Heading => "Committees and working groups";
    public override string AddLabel => "Add a committee or group";

    protected override IQuery<EditorList> ListQuery(string? search, int page) => new ListWorkingGroupsToEdit.Query(search, page);
}
