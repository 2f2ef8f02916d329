using Mediator;
using Microsoft.AspNetCore.Mvc;
using SesecPortal.Application.Features.Organisations;

namespace SesecPortal.Web.Pages.Editor.Organisations;

/// <summary>The form of an organisation, new or existing.</summary>
public abstract class OrganisationFormPage(ISender sender) : ReferenceFormPage<EditOrganisation.Command>(sender)
{
    public override string Area => "organisations";
    public override string Noun => "organisation";
    public override string? PublicPath => ItemId is null ? null : $"/organisations/{Input.Slug}";

    protected override IQuery<EditOrganisation.Command?> LoadQuery(int id) => new EditOrganisation.Query(id);

    protected override void SetId(int? id) => Input.Id = id;

    protected override void SetVersion(uint version) => Input.Version = version;
}

public sealed class NewModel(ISender sender) : OrganisationFormPage(sender)
{
    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(null, ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAsync(null, ct);
}

public sealed class EditModel(ISender sender) : OrganisationFormPage(sender)
{
    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    public Task<IActionResult> OnPostAsync(int id, CancellationToken ct) => SaveAsync(id, ct);
}
