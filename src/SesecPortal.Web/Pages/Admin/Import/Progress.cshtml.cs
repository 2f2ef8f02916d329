using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.OpenData;

namespace SesecPortal.Web.Pages.Admin.Import;

/// <summary>
/// One background import: how far through the file (a progress bar, bytes and lines), then its summary and the first
/// refused lines. While it runs the page asks to be loaded again every two seconds (a <c>Refresh</c> header: no script).
/// </summary>
public sealed class ProgressModel(ISender sender) : PageModel
{
    public const int RefreshSeconds = 2;

    public GetImports.Job Job { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetImports.Query(id), ct) is not { } job)
        {
            return NotFound();
        }

        Job = job;
        if (!job.Done)
        {
            Response.Headers["Refresh"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Page();
    }
}

/// <summary>How an import's state reads in a sentence, on its page and in the list of latest imports.</summary>
public static class Progress
{
    public static string Describe(GetImports.Job job) => job switch
    {
        { Stalled: true } => "stopped: the instance running it went away. Import the file again (nothing is doubled).",
        { State: ImportState.Queued } => "waiting for the import before it to finish.",
        { State: ImportState.Running } => $"importing: {job.Percent}% of {Size(job.Bytes)}, {job.Lines:N0} lines read.",
        { State: ImportState.Finished } => job.Summary ?? "finished.",
        _ => job.Summary ?? "failed.",
    };

    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):N1} MB",
        >= 1024 => $"{bytes / 1024.0:N0} KB",
        _ => $"{bytes:N0} bytes",
    };
}
