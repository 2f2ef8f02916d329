using System.Globalization;
using System.Xml;
using Mediator;
using SesecPortal.Application.Features.Home;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Endpoints;

/// <summary>
/// <c>/robots.txt</c> and the sitemap (<c>/sitemap.xml</c>, an index of <c>/sitemaps/{kind}/{page}.xml</c>): what search
/// engines may read, and every public page. Cached like the public pages, and evicted with them when anything is published.
/// </summary>
internal static class Sitemaps
{
    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>Editing, accounts, members' pages and the endless combinations of search results are not for crawlers.</summary>
    private static readonly string[] Disallowed = ["/editor", "/admin", "/account", "/watchlist", "/search", "/api/"];

    /// <summary>Crawlers check with HEAD too; Kestrel sends no body for it.</summary>
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapSitemaps(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/robots.txt", GetOrHead, (HttpRequest request) =>
            Results.Text(
                "User-agent: *\n" + string.Concat(Disallowed.Select(d => $"Disallow: {d}\n")) + $"\nSitemap: {Origin(request)}/sitemap.xml\n",
                "text/plain; charset=utf-8"))
            .CacheOutput(CachePolicies.PublicPage).ExcludeFromDescription();

        app.MapMethods("/sitemap.xml", GetOrHead, async (HttpRequest request, ISender sender, CancellationToken ct) =>
        {
            var files = await sender.Send(new GetSitemap.IndexQuery(), ct);
            return Xml("sitemapindex", writer =>
            {
                foreach (var file in files)
                {
                    writer.WriteStartElement("sitemap", Namespace);
                    writer.WriteElementString("loc", Namespace, $"{Origin(request)}/sitemaps/{file.Kind}/{file.Page.ToString(CultureInfo.InvariantCulture)}.xml");
                    writer.WriteEndElement();
                }
            });
        }).CacheOutput(CachePolicies.PublicPage).ExcludeFromDescription();

        app.MapMethods("/sitemaps/{kind}/{page:int}.xml", GetOrHead, async (string kind, int page, HttpRequest request, ISender sender, CancellationToken ct) =>
        {
            if (await sender.Send(new GetSitemap.FileQuery(kind, page), ct) is not { } entries)
            {
                return Results.NotFound();
            }

            return Xml("urlset", writer =>
            {
                foreach (var entry in entries)
                {
                    writer.WriteStartElement("url", Namespace);
                    writer.WriteElementString("loc", Namespace, Origin(request) + entry.Path);
                    if (entry.LastModified is { } day)
                    {
                        writer.WriteElementString("lastmod", Namespace, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    }

                    writer.WriteEndElement();
                }
            });
        }).CacheOutput(CachePolicies.PublicPage).ExcludeFromDescription();
        return app;
    }

    private static string Origin(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    /// <summary>Written to memory, then sent: the output cache keeps the bytes.</summary>
    private static IResult Xml(string root, Action<XmlWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(root, Namespace);
            write(writer);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return Results.Bytes(buffer.ToArray(), "application/xml; charset=utf-8");
    }
}
