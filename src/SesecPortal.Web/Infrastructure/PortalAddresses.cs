using SesecPortal.Application.Common;
using SesecPortal.Application.Domain;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// The one place the public pages' addresses are written, from what the application says an item is (its kind and
/// slug). Pages, feeds, the sitemap and the mail the application composes all link through it.
/// </summary>
public sealed class PortalAddresses : IPortalAddresses
{
    public string Home => "/";

    public IReadOnlyList<string> StartingPages { get; } =
        ["/", "/issues", "/articles", "/policies", "/standards", "/digest", "/consultations", "/targets", "/sectors", "/working-groups", "/organisations", "/ics"];

    public string Watchlist => "/watchlist";

    public string Preferences => "/account/manage/preferences";

    public string SignIn => "/account/sign-in";

    public string ForgotPassword => "/account/forgot-password";

    /// <summary>The first part of the address of an item's page, which also names its list (<c>standards</c>).</summary>
    public static string Area(ItemKind kind) => kind switch
    {
        ItemKind.Article => "articles",
        ItemKind.Policy => "policies",
        ItemKind.Standard => "standards",
        ItemKind.WorkingGroup => "working-groups",
        ItemKind.Organisation => "organisations",
        ItemKind.Sector => "sectors",
        ItemKind.Issue => "issues",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "This kind of item has no public page."),
    };

    public string Page(ItemRef item) => $"/{Area(item.Kind)}/{item.Slug}";

    public string IcsGroup(string code) => $"/ics/{code}";

    public string Search(string query, string filters = "") =>
        $"/search?q={Uri.EscapeDataString(query)}{(filters.Length == 0 ? "" : "&" + filters)}";

    public string Activation(string userId, string code) => $"/account/activate?user={Uri.EscapeDataString(userId)}&code={code}";

    public string PasswordReset(string email, string code) => $"/account/reset-password?email={Uri.EscapeDataString(email)}&code={code}";

    public string EmailChangeConfirmation(string userId, string email, string code) =>
        $"/account/confirm-email-change?user={Uri.EscapeDataString(userId)}&email={Uri.EscapeDataString(email)}&code={code}";

    public string NewsletterConfirmation(string token) => $"/newsletter/confirm?token={Uri.EscapeDataString(token)}";

    public string Unsubscribe(string token) => $"/unsubscribe?token={Uri.EscapeDataString(token)}";
}
