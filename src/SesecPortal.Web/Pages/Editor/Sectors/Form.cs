using Mediator;
using Microsoft.AspNetCore.Mvc;
using SesecPortal.Application.Features.Sectors;

namespace SesecPortal.Web.Pages.Editor.Sectors;

/// <summary>The form of a sector, new or existing.</summary>
public abstract class SectorFormPage(ISender sender) : ReferenceFormPage<EditSector.Command>(sender)
{
    public override string Area => "sectors";
    public override string Noun => "sector";
    public override bool HasRelations => false;
    public override string? PublicPath => ItemId is null ? null : $"/sectors/{Input.Slug}";

    protected override IQuery<EditSector.Command?> LoadQuery(int id) => new EditSector.Query(id);

    protected override void SetId(int? id) => Input.Id = id;

    protected override void SetVersion(uint version) => Input.Version = version;
}

public sealed class NewModel(ISender sender) : SectorFormPage(sender)
{
    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(null, ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAsync(null, ct);
}

public sealed class EditModel(ISender sender) : SectorFormPage(sender)
{
    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    public Task<IActionResult> OnPostAsync(int id, CancellationToken ct) => SaveAsync(id, ct);
}
