using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Web.Pages.Editor;

/// <summary>
/// The live preview's endpoint: the editor's script posts the Markdown (with the form's antiforgery token) and gets the
/// sanitised HTML fragment back (the global antiforgery filter checks the token). Without JavaScript, the forms' own Preview button does the same by a full post.
/// </summary>
public sealed class PreviewModel(ISender sender) : PageModel
{
    public IActionResult OnGet() => Content("Post Markdown as 'markdown' to preview it.", "text/plain");

    public async Task<IActionResult> OnPostAsync([FromForm] string? markdown, CancellationToken ct)
    {
        if (markdown?.Length > Application.Data.Configurations.Limits.Body)
        {
            return BadRequest("The text is too long to preview.");
        }

        var result = await sender.Send(new PreviewMarkdown.Query(markdown), ct);
        var unresolved = result.UnresolvedReferences.Count == 0 ? "" :
            $"<p class=\"field-error\">Not found: {System.Net.WebUtility.HtmlEncode(string.Join(", ", result.UnresolvedReferences.Select(r => $"[[{r}]]")))}</p>";
        return Content(unresolved + "<div class=\"prose\">" + result.Html + "</div>", "text/html");
    }
}
