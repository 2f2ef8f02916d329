using System.ServiceModel.Syndication;
using System.Xml;
using Mediator;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Endpoints;

/// <summary>Atom feeds (RFC 4287): everything new, per sector, per search, per standard (its lifecycle), per ICS group.</summary>
internal static class AtomFeeds
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    public static string ForSector(string slug) => $"/feeds/sectors/{slug}.atom";

    public static string ForStandard(string slug) => $"/feeds/standards/{slug}.atom";

    public static string ForIcs(string code) => $"/feeds/ics/{code}.atom";

    public static string ForSearch(string q) => $"/feeds/search.atom?q={Uri.EscapeDataString(q)}";

    public const string All = "/feeds/all.atom";

    public static IEndpointRouteBuilder MapAtomFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/feeds").CacheOutput(CachePolicies.PublicPage).ExcludeFromDescription();
        feeds.MapGet("/all.atom", (HttpContext c, ISender s, CancellationToken ct) => WriteAsync(c, s, new GetFeed.Query(), ct));
        feeds.MapGet("/sectors/{slug}.atom", (string slug, HttpContext c, ISender s, CancellationToken ct) => WriteAsync(c, s, new GetFeed.Query(Sector: slug), ct));
        feeds.MapGet("/standards/{slug}.atom", (string slug, HttpContext c, ISender s, CancellationToken ct) => WriteAsync(c, s, new GetFeed.Query(Standard: slug), ct));
        feeds.MapGet("/ics/{code}.atom", (string code, HttpContext c, ISender s, CancellationToken ct) => WriteAsync(c, s, new GetFeed.Query(Ics: code), ct));
        feeds.MapGet("/search.atom", (HttpContext c, ISender s, CancellationToken ct) =>
            WriteAsync(c, s, new GetFeed.Query(Q: c.Request.Query["q"].ToString() is { Length: > 0 } q ? q : "*"), ct));
        return app;
    }

    private static async Task<IResult> WriteAsync(HttpContext context, ISender sender, GetFeed.Query query, CancellationToken ct)
    {
        var feed = await sender.Send(query, ct);
        if (feed is not null)
        {
            return await AtomAsync(context, feed, context.Request.Path + context.Request.QueryString);
        }

        // A sector or standard whose slug changed: feed readers follow a 301 and keep the new address.
        var moved = (query.Sector, query.Standard) switch
        {
            ({ } sector, _) => await sender.Send(new FindMovedItem.Query(ItemKind.Sector, sector), ct) is { } m ? ForSector(m.Slug) : null,
            (_, { } standard) => await sender.Send(new FindMovedItem.Query(ItemKind.Standard, standard), ct) is { } m ? ForStandard(m.Slug) : null,
            _ => null,
        };
        return moved is null ? Results.NotFound() : Results.Redirect(moved, permanent: true);
    }

    /// <summary>Writes a feed; <paramref name="self"/> is its own address (rel="self").</summary>
    public static async Task<IResult> AtomAsync(HttpContext context, GetFeed.Result feed, string self)
    {
        var origin = new Uri($"{context.Request.Scheme}://{context.Request.Host}");
        var updated = feed.Entries.Select(e => e.Date).Max() is { } latest ? At(latest) : DateTimeOffset.UnixEpoch;
        var syndication = new SyndicationFeed(feed.Title, null, new Uri(origin, feed.Url), new Uri(origin, self).ToString(), updated)
        {
            Items = [.. feed.Entries.Select(e =>
            {
                var item = new SyndicationItem(e.Title, e.Summary ?? "", new Uri(origin, e.Url), $"tag:{origin.Host},2021:{e.Id}", e.Date is { } d ? At(d) : updated);
                item.Categories.Add(new SyndicationCategory(e.Kind));
                foreach (var c in e.Categories)
                {
                    item.Categories.Add(new SyndicationCategory(c.Term, $"tag:{origin.Host},2021:{c.Scheme}", c.Label));
                }
                return item;
            })],
        };
        syndication.Authors.Add(new SyndicationPerson { Name = "SESEC" });
        syndication.Links.Add(new SyndicationLink(new Uri(origin, self)) { RelationshipType = "self", MediaType = "application/atom+xml" });
        using var buffer = new MemoryStream();
        await using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Async = true }))
        {
            new Atom10FeedFormatter(syndication).WriteTo(writer);
        }

        return Results.Bytes(buffer.ToArray(), ContentType);
    }

    private static DateTimeOffset At(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
