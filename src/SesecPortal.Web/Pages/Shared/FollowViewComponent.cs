using Mediator;
using Microsoft.AspNetCore.Mvc;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Watchlists;

namespace SesecPortal.Web.Pages;

/// <summary>
/// The follow button of a sector, standard, organisation or search page. Anonymous readers get a "Sign in to follow"
/// link and nothing else: those pages are output-cached for them, so the anonymous markup must be the same for all (no
/// form, no antiforgery token, no message). Signed-in users get a form (never cached: the output cache serves and stores
/// nothing for an authenticated request) and the message of their last follow or unfollow.
/// </summary>
public sealed class FollowViewComponent(ISender sender) : ViewComponent
{
    public sealed record Model(string What, string ReturnUrl, bool SignedIn, GetFollowState.Result? State, GetFollowState.Query Query, string? StatusMessage);

    /// <param name="what">What the button follows, for its label ("this sector").</param>
    public async Task<IViewComponentResult> InvokeAsync(GetFollowState.Query query, string what)
    {
        var returnUrl = Request.Path + Request.QueryString;
        if (UserClaimsPrincipal.Identity?.IsAuthenticated != true)
        {
            return View(new Model(what, returnUrl, false, null, query, null));
        }

        var state = await sender.Send(query, HttpContext.RequestAborted);
        if (state is null)
        {
            return Content("");
        }

        return View(new Model(what, returnUrl, true, state, query, TempData[Watchlist.IndexModel.StatusKey] as string));
    }
}
