using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Accounts;
using SesecPortal.Application.Features.Watchlists;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Account.Manage;

[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class PreferencesModel(ISender sender) : PageModel
{
    [BindProperty] public SavePreferences.Command Input { get; set; } = new(AlertFrequency.Weekly, false);
    public int Following { get; private set; }
    [TempData] public string? StatusMessage { get; set; }

    public static readonly IReadOnlyList<AlertFrequency> Choices = [AlertFrequency.Immediately, AlertFrequency.Daily, AlertFrequency.Weekly, AlertFrequency.Off];

    public static string Describe(AlertFrequency frequency) => frequency switch
    {
        AlertFrequency.Immediately => "Immediately, as things change",
        AlertFrequency.Daily => "Daily, one e-mail a day at most",
        AlertFrequency.Weekly => "Weekly, one e-mail on Mondays at most",
        _ => "Off: no alert e-mails",
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        var preferences = await sender.Send(new GetPreferences.Query(), ct);
        Input = new SavePreferences.Command(preferences.Alerts, preferences.Newsletter);
        Following = preferences.Following;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            ModelState.Clear();
            ModelState.AddModelError("Input.Alerts", "Choose how often: immediately, daily, weekly or off.");
        }
        else
        {
            try
            {
                await sender.Send(Input, ct);
                StatusMessage = "Your e-mail preferences are saved.";
                return RedirectToPage();
            }
            catch (ValidationException ex)
            {
                ModelState.AddValidationErrors(ex, nameof(Input));
            }
        }

        Following = (await sender.Send(new GetPreferences.Query(), ct)).Following;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public static string When(AlertFrequency f) => AlertSchedule.Describe(f);
}
