using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Admin.Import;

/// <summary>Admins upload an interchange file (JSON Lines); the report of the last import is shown after the redirect.</summary>
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public const long MaxUploadBytes = 1L << 30;

    /// <summary>Lines of the report shown after the redirect (the summary first, then the first refused lines).</summary>
    public const int ShownErrors = 50;

    [BindProperty] public IFormFile? Upload { get; set; }
    [TempData] public string? StatusMessage { get; set; }
    [TempData] public string? Report { get; set; }

    public IReadOnlyList<string> ReportLines => Report is null ? [] : Report.Split('\n');

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a JSON Lines file (.jsonl) to import.");
            return Page();
        }

        ImportContent.Result result;
        try
        {
            await using var stream = Upload.OpenReadStream();
            result = await sender.Send(new ImportContent.Command(stream), ct);
        }
        catch (ValidationException ex)
        {
            ModelState.AddValidationErrors(ex, "");
            return Page();
        }

        StatusMessage = $"Imported {Upload.FileName}: {result.Summary}";
        var shown = result.Errors.Take(ShownErrors).Select(e => e.ToString()).ToList();
        if (result.ErrorCount > shown.Count)
        {
            shown.Add($"… and {result.ErrorCount - shown.Count:N0} more refused lines (the import command lists them all).");
        }

        Report = shown.Count == 0 ? null : string.Join('\n', shown.Select(s => s.Length > 300 ? s[..300] + "…" : s));
        return RedirectToPage();
    }
}
