using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SesecPortal.Application.Common;
using SesecPortal.Application.Features.Watchlists;
using SesecPortal.Web.Endpoints;

namespace SesecPortal.Web.Pages.Watchlist;

/// <summary>
/// "My watchlist" for any signed-in user: what they follow, what is new or changed since their previous visit, the
/// latest about it, and their private feed address. Opening it is a visit. The follow and unfollow buttons of the
/// sector, standard, organisation and search pages post here and are sent back where they came from. Never cached.
/// </summary>
[Authorize]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(ISender sender) : PageModel
{
    /// <summary>The TempData key of the message the follow buttons and this page show after a post.</summary>
    public const string StatusKey = "WatchlistStatus";

    public GetWatchlist.Result Watchlist { get; private set; } = null!;

    /// <summary>The start of "new or changed": the previous visit, or <see cref="GetWatchlist.FirstVisitDays"/> ago.</summary>
    public DateTimeOffset Since { get; private set; }

    public bool FirstVisit { get; private set; }

    [TempData(Key = StatusKey)] public string? StatusMessage { get; set; }

    /// <summary>The feed address just made: shown on this one page, never again.</summary>
    [TempData] public string? NewFeedToken { get; set; }

    public string? NewFeedAddress => NewFeedToken is null ? null : $"{Request.Scheme}://{Request.Host}{WatchlistFeed.Address(NewFeedToken)}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var visit = await sender.Send(new VisitWatchlist.Command(), ct);
        FirstVisit = visit.PreviousVisit is null;
        Since = visit.PreviousVisit ?? visit.Now.AddDays(-GetWatchlist.FirstVisitDays);
        Watchlist = await sender.Send(new GetWatchlist.Query(Since, visit.Now), ct);
    }

    public async Task<IActionResult> OnPostFollowAsync(FollowItem.Command input, string? returnUrl, CancellationToken ct)
    {
        try
        {
            var followed = await sender.Send(input, ct);
            StatusMessage = followed.Added ? $"You follow {followed.Name}: what is new about it is on your watchlist." : $"You already follow {followed.Name}.";
        }
        catch (ValidationException ex)
        {
            StatusMessage = string.Join(" ", ex.Errors.Select(e => e.ErrorMessage).Distinct());
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        return Back(returnUrl);
    }

    public async Task<IActionResult> OnPostUnfollowAsync(int id, string? returnUrl, CancellationToken ct)
    {
        try
        {
            var unfollowed = await sender.Send(new UnfollowItem.Command(id), ct);
            StatusMessage = $"You no longer follow {unfollowed.Name}.";
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        return Back(returnUrl);
    }

    public async Task<IActionResult> OnPostCreateFeedAsync(CancellationToken ct)
    {
        var created = await sender.Send(new CreateFeedAddress.Command(), ct);
        NewFeedToken = created.Token;
        StatusMessage = "Your private feed address is below. Copy it now: it is shown only this once.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeFeedAsync(CancellationToken ct)
    {
        await sender.Send(new RevokeFeedAddress.Command(), ct);
        StatusMessage = "Your private feed address no longer works.";
        return RedirectToPage();
    }

    /// <summary>Back to the page the button was on (post-redirect-get); only to this site.</summary>
    private IActionResult Back(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToPage();
}
