using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages;

/// <summary>
/// The page for every error status: a clear message and ways on, never a stack trace. For a 503 (the database does not
/// answer) it keeps what the reader was doing: the search they typed, and the text of a form they sent, ready to send
/// again. It reads nothing from the database, so it answers during an outage.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(DatabaseOutage outage, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) : PageModel
{
    /// <summary>Form fields never written back into a page.</summary>
    private static readonly string[] SecretFields = ["password", "token", "secret"];

    public int Status { get; private set; } = StatusCodes.Status500InternalServerError;
    public string Heading { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "The portal could not answer this request. Please try again in a moment.";

    /// <summary>The address the reader asked for (path and query), for "try again".</summary>
    public string? OriginalAddress { get; private set; }

    /// <summary>The search words of the request, if any, kept in the search form.</summary>
    public string? Query { get; private set; }

    /// <summary>A form's fields as sent (not passwords), to send again; with the form's own antiforgery token.</summary>
    public IReadOnlyList<(string Name, string Label, string Value)> PostedFields { get; private set; } = [];
    public string? PostedToken { get; private set; }
    public string? PostedTo { get; private set; }

    /// <summary>A form refused for its antiforgery token (<see cref="ExpiredFormFilter"/>).</summary>
    public bool FormExpired => HttpContext.Items.ContainsKey(PortalErrors.ExpiredFormItem);

    private bool described;

    /// <summary>
    /// Called by the page itself, for every method: Razor Pages selects no handler for a TRACE or a PUT, and their error
    /// (405) is a page too.
    /// </summary>
    public async Task DescribeAsync()
    {
        if (described)
        {
            return;
        }

        described = true;
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : (int?)null;
        await DescribeAsync(code);
    }

    private async Task DescribeAsync(int? code)
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>();
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        Status = exception is not null ? PortalErrors.StatusFor(exception.Error) : code ?? StatusCodes.Status500InternalServerError;
        if (Status == StatusCodes.Status503ServiceUnavailable && string.IsNullOrEmpty(Response.Headers.RetryAfter))
        {
            Response.Headers.RetryAfter = outage.RetryAfterHeader;
        }

        if (Response.StatusCode == StatusCodes.Status200OK && (code is not null || exception is not null))
        {
            Response.StatusCode = Status;
        }

        (Heading, Message) = PortalErrors.Describe(HttpContext, Status);

        var path = exception?.Path ?? reExecuted?.OriginalPath;
        var query = exception is not null ? Request.QueryString.Value : reExecuted?.OriginalQueryString;
        if (path is not null && Status != StatusCodes.Status414UriTooLong)
        {
            OriginalAddress = path + query;
        }

        var words = exception is not null ? Request.Query["q"].ToString()
            : Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).GetValueOrDefault("q").ToString();
        Query = words.Length > 0 ? words[..Math.Min(words.Length, 256)] : null;

        if (Status == StatusCodes.Status503ServiceUnavailable && HttpMethods.IsPost(Request.Method) && Request.HasFormContentType)
        {
            await KeepPostedFormAsync(path);
        }
        else if (Status == StatusCodes.Status400BadRequest && FormExpired && Request.HasFormContentType)
        {
            await KeepPostedFormAsync(path);
            // The token sent is the one that failed: a fresh one, for this reader as they are now, sends it again.
            PostedToken = antiforgery.GetAndStoreTokens(HttpContext).RequestToken;
        }
    }

    private async Task KeepPostedFormAsync(string? path)
    {
        IFormCollection form;
        try
        {
            form = await Request.ReadFormAsync(HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException)
        {
            return;
        }

        PostedTo = path + Request.QueryString;
        PostedToken = form["__RequestVerificationToken"].FirstOrDefault();
        PostedFields = [.. form
            .Where(f => f.Key != "__RequestVerificationToken" && !SecretFields.Any(s => f.Key.Contains(s, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(f => f.Value.Select(v => (f.Key, Label(f.Key), v ?? "")))];
    }

    /// <summary>"Input.SourceUrl" → "Source url": the field's name as a reader would say it.</summary>
    private static string Label(string name)
    {
        var last = name.Split('.').Last().Replace("[", " ", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
        var words = System.Text.RegularExpressions.Regex.Replace(last, "(?<=[a-z0-9])(?=[A-Z])", " ").ToLowerInvariant();
        return words.Length == 0 ? name : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
