using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SesecPortal.Web.Pages;

/// <summary>The page for every error status: a clear message and ways on, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "The portal could not answer this request. Please try again in a moment.";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? StatusCodes.Status500InternalServerError;
        (Heading, Message) = status switch
        {
            404 => ("Page not found", "There is no page at this address. It may have moved, or the link may be mistyped."),
            400 => ("Bad request", "The request could not be understood. Please check the address or the form and try again."),
            403 => ("Access denied", "You do not have permission to see this page."),
            _ => (Heading, Message),
        };
        if (HttpContext.Response.StatusCode == StatusCodes.Status200OK && code is not null)
        {
            HttpContext.Response.StatusCode = status;
        }
    }
}
