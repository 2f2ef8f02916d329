using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;

namespace SesecPortal.IntegrationTests.OpenData;

public sealed class FeedTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private async Task<SyndicationFeed> FeedAsync(string path)
    {
        using var client = Fixture.CreateClient();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/atom+xml");
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        using var reader = XmlReader.Create(stream);
        var formatter = new Atom10FeedFormatter();
        formatter.CanRead(reader).ShouldBeTrue();
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    [Theory]
    [InlineData("/feeds/all.atom")]
    [InlineData("/feeds/sectors/carbon.atom")]
    [InlineData("/feeds/search.atom?q=building")]
    [InlineData("/feeds/standards/gb-55015-2021.atom")]
    public async Task Feeds_are_atom_with_entries_that_link_to_the_portal(string path)
    {
        var feed = await FeedAsync(path);

        feed.Items.ShouldNotBeEmpty();
        feed.Items.ShouldAllBe(i => i.Links.Any(l => l.Uri.AbsolutePath.Length > 1) && !string.IsNullOrEmpty(i.Id));
        feed.Links.ShouldContain(l => l.RelationshipType == "self");
    }

    [Fact]
    public async Task An_unknown_sector_feed_is_404()
    {
        using var client = Fixture.CreateClient();
        (await client.GetAsync(new Uri("/feeds/sectors/astrology.atom", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/", "/feeds/all.atom")]
    [InlineData("/sectors/carbon", "/feeds/sectors/carbon.atom")]
    [InlineData("/search?q=building", "/feeds/search.atom?q=building")]
    [InlineData("/standards/gb-t-50378-2019", "/feeds/standards/gb-t-50378-2019.atom")]
    public async Task Pages_link_their_feed(string page, string feed)
    {
        var (_, document) = await GetPageAsync(page);

        document.QuerySelector("link[rel=alternate][type='application/atom+xml']")!.GetAttribute("href").ShouldBe(feed);
    }
}
