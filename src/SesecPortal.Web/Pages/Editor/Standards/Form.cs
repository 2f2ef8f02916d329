using Mediator;
using Microsoft.AspNetCore.Mvc;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.Web.Pages.Editor.Standards;

/// <summary>The form of a standard, new or existing, with its events (amendments...).</summary>
public abstract class StandardFormPage(ISender sender) : ReferenceFormPage<EditStandard.Command>(sender)
{
    public override string Area => "standards";
    public override string Noun => "standard";
    public override string? PublicPath => ItemId is null ? null : $"/standards/{Input.Slug}";

    protected override IQuery<EditStandard.Command?> LoadQuery(int id) => new EditStandard.Query(id);

    protected override void SetId(int? id) => Input.Id = id;

    protected override void SetVersion(uint version) => Input.Version = version;

    protected override void Pad()
    {
        PadRows(Input.Events, e => e.IsBlank);
        PadRows(Input.Adoptions, a => a.IsBlank);
    }

    protected override void Move(string list, int index, bool up)
    {
        if (list == nameof(Input.Events))
        {
            ReferenceData.Move(Input.Events, index, up);
        }
        else if (list == nameof(Input.Adoptions))
        {
            ReferenceData.Move(Input.Adoptions, index, up);
        }
    }
}

public sealed class NewModel(ISender sender) : StandardFormPage(sender)
{
    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(null, ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAsync(null, ct);
}

public sealed class EditModel(ISender sender) : StandardFormPage(sender)
{
    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    public Task<IActionResult> OnPostAsync(int id, CancellationToken ct) => SaveAsync(id, ct);
}
