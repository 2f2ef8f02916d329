namespace SesecPortal.Application.Common;

/// <summary>
/// The portal's public address, for the absolute links of e-mails: <c>Site:BaseUrl</c>, or, when it is not set, the
/// address the portal itself listens on (right for <c>dotnet run</c>, not behind a proxy: set it there).
/// </summary>
public sealed class SiteAddress(Func<Uri> baseUrl)
{
    public Uri BaseUrl => baseUrl();

    /// <summary>An absolute address of a path of the portal (<c>/watchlist</c> → <c>https://portal.example/watchlist</c>).</summary>
    public string Absolute(string pathAndQuery) => new Uri(BaseUrl, pathAndQuery).ToString();
}
