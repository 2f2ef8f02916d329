using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Features.Consultations;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Consultations;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public GetConsultations.Result Result { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? sector, CancellationToken ct)
    {
        var result = await sender.Send(new GetConsultations.Query(string.IsNullOrWhiteSpace(sector) ? null : sector.Trim()), ct);
        if (result is null)
        {
            return NotFound();
        }

        Result = result;
        return Page();
    }
}
