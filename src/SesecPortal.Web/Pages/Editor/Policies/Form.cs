using Mediator;
using Microsoft.AspNetCore.Mvc;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Policies;

namespace SesecPortal.Web.Pages.Editor.Policies;

/// <summary>The form of a policy, new or existing, with its ordered issuing authorities.</summary>
public abstract class PolicyFormPage(ISender sender) : ReferenceFormPage<EditPolicy.Command>(sender)
{
    public override string Area => "policies";
    public override string Noun => "policy";
    public override string? PublicPath => ItemId is null ? null : $"/policies/{Input.Slug}";

    protected override IQuery<EditPolicy.Command?> LoadQuery(int id) => new EditPolicy.Query(id);

    protected override void SetId(int? id) => Input.Id = id;

    protected override void SetVersion(uint version) => Input.Version = version;

    protected override void Pad() => PadRows(Input.Authorities, a => a.OrganisationId is null);

    protected override void Move(string list, int index, bool up)
    {
        if (list == nameof(Input.Authorities))
        {
            ReferenceData.Move(Input.Authorities, index, up);
        }
    }
}

public sealed class NewModel(ISender sender) : PolicyFormPage(sender)
{
    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(null, ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAsync(null, ct);
}

public sealed class EditModel(ISender sender) : PolicyFormPage(sender)
{
    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    public Task<IActionResult> OnPostAsync(int id, CancellationToken ct) => SaveAsync(id, ct);
}
