namespace SesecPortal.Web.Infrastructure;

internal static class CachePolicies
{
    /// <summary>Public pages: cached for anonymous readers, evicted by tag when content is published.</summary>
    public const string PublicPage = "public-page";
    public const string PublicTag = "public";
}
