using Mediator;
using Microsoft.AspNetCore.Mvc;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.WorkingGroups;

namespace SesecPortal.Web.Pages.Editor.WorkingGroups;

/// <summary>The form of a committee or group, new or existing, with its leaders, contacts and work items.</summary>
public abstract class WorkingGroupFormPage(ISender sender) : ReferenceFormPage<EditWorkingGroup.Command>(sender)
{
    public override string Area => "working-groups";
    public override string Noun => "group";
    public override string? PublicPath => ItemId is null ? null : $"/working-groups/{Input.Slug}";

    protected override IQuery<EditWorkingGroup.Command?> LoadQuery(int id) => new EditWorkingGroup.Query(id);

    protected override void SetId(int? id) => Input.Id = id;

    protected override void SetVersion(uint version) => Input.Version = version;

    protected override void Pad()
    {
        PadRows(Input.Members, m => m.IsBlank);
        PadRows(Input.Contacts, c => c.IsBlank);
        PadRows(Input.WorkItems, i => i.IsBlank);
    }

    protected override void Move(string list, int index, bool up)
    {
        switch (list)
        {
            case nameof(Input.Members):
                ReferenceData.Move(Input.Members, index, up);
                break;
            case nameof(Input.Contacts):
                ReferenceData.Move(Input.Contacts, index, up);
                break;
            case nameof(Input.WorkItems):
                ReferenceData.Move(Input.WorkItems, index, up);
                break;
        }
    }
}

public sealed class NewModel(ISender sender) : WorkingGroupFormPage(sender)
{
    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(null, ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAsync(null, ct);
}

public sealed class EditModel(ISender sender) : WorkingGroupFormPage(sender)
{
    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    public Task<IActionResult> OnPostAsync(int id, CancellationToken ct) => SaveAsync(id, ct);
}
