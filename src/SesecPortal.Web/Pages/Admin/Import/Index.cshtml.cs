using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Admin.Import;

/// <summary>
/// Admins upload an interchange file (JSON Lines, up to <c>Import:MaxUploadMB</c>); it is imported in the background and
/// its page (<c>/admin/import/{id}</c>) shows the progress, then the report. An empty or missing file is a 400 with the form.
/// </summary>
[ImportUploadLimit]
public sealed class IndexModel(ISender sender, IConfiguration configuration) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }

    public long MaxUploadMB => BackgroundImports.MaxUploadBytes(configuration) / (1024 * 1024);

    public IReadOnlyList<GetImports.Job> Latest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Latest = await sender.Send(new GetImports.LatestQuery(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), Upload is null
                ? "Choose a JSON Lines file (.jsonl) to import."
                : $"The file {Path.GetFileName(Upload.FileName)} is empty: choose a JSON Lines file (.jsonl) with at least one line.");
            return await RefusedAsync(ct);
        }

        Guid id;
        try
        {
            id = await HttpContext.RequestServices.GetRequiredService<BackgroundImports>().QueueAsync(sender, Upload, ct);
        }
        catch (ValidationException ex)
        {
            ModelState.AddValidationErrors(ex, "");
            return await RefusedAsync(ct);
        }

        return RedirectToPage("Progress", new { id });
    }

    private async Task<IActionResult> RefusedAsync(CancellationToken ct)
    {
        Latest = await sender.Send(new GetImports.LatestQuery(), ct);
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }
}
