using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Features.Policies;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Policies;

/// <summary>What changed between two versions of a policy; a pair that cannot be compared answers 400 and says why.</summary>
[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class CompareModel(ISender sender) : PageModel
{
    private const int MaxSlugLength = 120;

    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public ComparePolicyVersions.Result Result { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug) || slug.Length > MaxSlugLength)
        {
            return NotFound();
        }

        var result = await sender.Send(new ComparePolicyVersions.Query(slug, From, To), ct);
        if (result is null)
        {
            return NotFound();
        }

        Result = result;
        if (result.Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
