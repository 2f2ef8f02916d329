using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Common;

/// <summary>
/// Where the portal's pages are, for the links the application writes into what it returns (search hits, relations,
/// feeds, the sitemap) and into the mail it composes. The application names an item (<see cref="ItemRef"/>); the web
/// layer, which owns the routes, implements this (<c>SesecPortal.Web.Infrastructure.PortalAddresses</c>): the one place
/// page addresses are written. Paths are from the site's root; <see cref="SiteAddress"/> makes them absolute.
/// </summary>
public interface IPortalAddresses
{
    /// <summary>The home page.</summary>
    string Home { get; }

    /// <summary>An item's public page: <c>/standards/gb-t-1-2020</c>.</summary>
    string Page(ItemRef item);

    /// <summary>An ICS group's page: <c>/ics/27.010</c>.</summary>
    string IcsGroup(string code);

    /// <summary>The search page for these words and canonical filters (<c>kind=policy&amp;sector=ict</c>, or empty).</summary>
    string Search(string query, string filters = "");

    /// <summary>The lists and tools every visitor starts from (the home page first), for the sitemap.</summary>
    IReadOnlyList<string> StartingPages { get; }

    /// <summary>A member's watchlist.</summary>
    string Watchlist { get; }

    /// <summary>A member's e-mail preferences.</summary>
    string Preferences { get; }

    string SignIn { get; }

    string ForgotPassword { get; }

    /// <summary>Where an account is activated (a sign-up confirmed, an invitation accepted); <paramref name="code"/> is address-safe already.</summary>
    string Activation(string userId, string code);

    /// <summary>Where a password is reset; <paramref name="code"/> is address-safe already.</summary>
    string PasswordReset(string email, string code);

    /// <summary>Where a new e-mail address is confirmed; <paramref name="code"/> is address-safe already.</summary>
    string EmailChangeConfirmation(string userId, string email, string code);

    /// <summary>Where a newsletter subscription is confirmed.</summary>
    string NewsletterConfirmation(string token);

    /// <summary>Where one click unsubscribes from what the token names (no sign-in).</summary>
    string Unsubscribe(string token);
}
