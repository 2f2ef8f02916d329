using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Features.Accounts;

namespace SesecPortal.Web.Pages.Account.Manage;

/// <summary>"Download my data": the page says what is in it; its button downloads the JSON document.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class DataModel(ISender sender) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var data = await sender.Send(new ExportMyData.Query(), ct);
        return File(JsonSerializer.SerializeToUtf8Bytes(data, Json), "application/json", "sesecportal-my-data.json");
    }
}
