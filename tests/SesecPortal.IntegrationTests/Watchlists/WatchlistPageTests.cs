using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using AngleSharp;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Domain;

namespace SesecPortal.IntegrationTests.Watchlists;

/// <summary>Watchlists over real Kestrel: follow forms with their antiforgery token, sign-in, the private feed, and the public cache.</summary>
public sealed class WatchlistPageTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string Carbon = "/sectors/carbon";

    private static async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetWithAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        return (response, (IHtmlDocument)await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), Ct));
    }

    private async Task<int> SectorIdAsync(string slug)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.Sectors.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Ct);
    }

    /// <summary>Presses the page's follow button as a browser would: the form's own fields and token.</summary>
    private static async Task<HttpResponseMessage> SubmitFollowFormAsync(HttpClient client, string page)
    {
        var (_, document) = await GetWithAsync(client, page);
        var form = document.QuerySelector(".follow form").ShouldNotBeNull($"{page} has a follow form");
        var fields = form.QuerySelectorAll("input").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content, Ct);
    }

    private static async Task<HttpResponseMessage> GetFeedAsync(string address)
    {
        using var reader = new HttpClient();
        return await reader.GetAsync(new Uri(address), Ct);
    }

    [Fact]
    public async Task My_watchlist_sends_anonymous_visitors_to_sign_in()
    {
        using var client = Fixture.CreateClient();

        var response = await client.GetAsync(new Uri("/watchlist", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/sign-in?ReturnUrl=%2Fwatchlist", Case.Insensitive);
    }

    [Fact]
    public async Task Anonymous_readers_are_offered_a_sign_in_link_to_follow()
    {
        var (_, document) = await GetPageAsync(Carbon);

        var link = document.QuerySelector(".follow a").ShouldNotBeNull();
        link.TextContent.ShouldBe("Sign in to follow this sector");
        link.GetAttribute("href").ShouldBe("/account/sign-in?returnUrl=%2Fsectors%2Fcarbon");
        document.QuerySelector(".follow form").ShouldBeNull();
    }

    [Fact]
    public async Task A_member_follows_a_sector_from_its_page_and_finds_it_on_their_watchlist()
    {
        using var client = await SignedInAsync("member@example.com", Roles.Member);

        var followed = await SubmitFollowFormAsync(client, Carbon);
        var (_, page) = await GetWithAsync(client, Carbon);
        var (watchlistResponse, watchlist) = await GetWithAsync(client, "/watchlist");

        followed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        followed.Headers.Location!.ToString().ShouldBe(Carbon);
        page.QuerySelector(".follow [role=status]")!.TextContent.ShouldContain("You follow Carbon emission");
        page.QuerySelector(".follow button")!.TextContent.ShouldBe("Unfollow");
        watchlistResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        watchlistResponse.Headers.CacheControl!.NoStore.ShouldBeTrue();
        watchlist.QuerySelector("#following + ul a")!.TextContent.ShouldBe("Carbon emission");
        watchlist.QuerySelector("a[href='/watchlist']").ShouldNotBeNull("the header links to My watchlist");
    }

    [Fact]
    public async Task A_member_follows_a_search_with_its_filters_and_unfollows_it_from_the_watchlist()
    {
        using var client = await SignedInAsync("member@example.com", Roles.Member);
        const string search = "/search?q=carbon%20%20peak&kind=policy&sector=carbon&year=2021";

        var followed = await SubmitFollowFormAsync(client, search);
        var (_, watchlist) = await GetWithAsync(client, "/watchlist");
        var link = watchlist.QuerySelector("#following + ul a")!;
        var unfollow = await PostFormAsync(client, "/watchlist", "/watchlist?handler=Unfollow",
            [new("id", watchlist.QuerySelector("#following + ul input[name=id]")!.GetAttribute("value")!)]);
        var (_, after) = await GetWithAsync(client, "/watchlist");

        followed.Headers.Location!.ToString().ShouldBe(search);
        link.TextContent.ShouldBe("“carbon peak” (kind: policy; sector: carbon)");
        link.GetAttribute("href").ShouldBe("/search?q=carbon%20peak&kind=policy&sector=carbon");
        unfollow.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.QuerySelector("[role=status]")!.TextContent.ShouldBe("You no longer follow “carbon peak” (kind: policy; sector: carbon).");
        after.QuerySelector("#following + ul").ShouldBeNull();
    }

    [Fact]
    public async Task A_cached_public_page_never_shows_a_members_follow_state_to_anonymous_readers()
    {
        using var client = await SignedInAsync("member@example.com", Roles.Member);
        await SubmitFollowFormAsync(client, Carbon);
        await Fixture.Factory.Services.GetRequiredService<SesecPortal.Application.Common.IPublicCache>().EvictAsync(Ct);

        // The member's page first, on an empty cache: were it stored, the readers after would get it.
        var (_, member) = await GetWithAsync(client, Carbon);
        var (_, anonymous) = await GetPageAsync(Carbon);
        var (_, anonymousAgain) = await GetPageAsync(Carbon);
        var (_, memberAgain) = await GetWithAsync(client, Carbon);

        member.QuerySelector(".follow button")!.TextContent.ShouldBe("Unfollow");
        foreach (var page in new[] { anonymous, anonymousAgain })
        {
            page.Body!.TextContent.ShouldNotContain("Unfollow");
            page.Body.TextContent.ShouldNotContain("My watchlist");
            page.QuerySelector("input[name=__RequestVerificationToken]").ShouldBeNull("a cached page carries no one's antiforgery token");
            page.QuerySelector(".follow a")!.TextContent.ShouldBe("Sign in to follow this sector");
        }

        memberAgain.QuerySelector(".follow button")!.TextContent.ShouldBe("Unfollow", "a member is never served the cached anonymous page");
    }

    [Fact]
    public async Task Following_something_that_does_not_exist_is_404()
    {
        using var client = await SignedInAsync("member@example.com", Roles.Member);

        var response = await PostFormAsync(client, Carbon, "/watchlist?handler=Follow",
            [new("input.Kind", "Standard"), new("input.ItemId", "987654"), new("returnUrl", Carbon)]);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_member_cannot_unfollow_another_members_item()
    {
        using var alice = await SignedInAsync("alice@example.com", Roles.Member);
        using var bob = await SignedInAsync("bob@example.com", Roles.Member);
        await SubmitFollowFormAsync(alice, Carbon);
        int itemId;
        await using (var db = Fixture.Database.CreateDbContext())
        {
            itemId = await db.WatchItems.Select(i => i.Id).SingleAsync(Ct);
        }

        var response = await PostFormAsync(bob, "/watchlist", "/watchlist?handler=Unfollow", [new("id", itemId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var after = Fixture.Database.CreateDbContext();
        (await after.WatchItems.AnyAsync(i => i.Id == itemId, Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_follow_sends_back_only_to_this_site()
    {
        using var client = await SignedInAsync("member@example.com", Roles.Member);

        var response = await PostFormAsync(client, Carbon, "/watchlist?handler=Follow",
            [new("input.Kind", "Sector"), new("input.ItemId", (await SectorIdAsync("carbon")).ToString(System.Globalization.CultureInfo.InvariantCulture)), new("returnUrl", "https://example.com/")]);

        response.Headers.Location!.ToString().ShouldBe("/watchlist");
    }

    [Fact]
    public async Task The_private_feed_is_shown_once_read_without_signing_in_and_refused_after_regenerating_or_revoking()
    {
        using var client = await SignedInAsync("member@example.com", Roles.Member);
        await SubmitFollowFormAsync(client, Carbon);

        (await PostFormAsync(client, "/watchlist", "/watchlist?handler=CreateFeed", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, shown) = await GetWithAsync(client, "/watchlist");
        var address = shown.QuerySelector("#feed-address")!.GetAttribute("value")!;
        var (_, later) = await GetWithAsync(client, "/watchlist");
        var feedResponse = await GetFeedAsync(address);
        SyndicationFeed feed;
        await using (var stream = await feedResponse.Content.ReadAsStreamAsync(Ct))
        {
            using var reader = XmlReader.Create(stream);
            feed = SyndicationFeed.Load(reader);
        }

        address.ShouldStartWith(Fixture.Address + "watchlist/feed/");
        address.ShouldEndWith(".atom");
        later.QuerySelector("#feed-address").ShouldBeNull("the address is shown once");
        later.QuerySelector("#feed")!.ParentElement!.TextContent.ShouldContain("You have a private feed address.");
        shown.QuerySelector("link[rel=alternate]").ShouldBeNull("the private page does not advertise its feed");
        feedResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        feedResponse.Content.Headers.ContentType!.MediaType.ShouldBe("application/atom+xml");
        feedResponse.Headers.CacheControl!.NoStore.ShouldBeTrue();
        feedResponse.Headers.CacheControl.Private.ShouldBeTrue();
        feed.Title.Text.ShouldBe("SesecPortal: my watchlist");
        feed.Items.ShouldNotBeEmpty();
        feed.Items.ShouldAllBe(i => ((TextSyndicationContent)i.Content).Text.StartsWith("Because you follow the sector Carbon emission", StringComparison.Ordinal));

        await PostFormAsync(client, "/watchlist", "/watchlist?handler=CreateFeed", []);
        var (_, regenerated) = await GetWithAsync(client, "/watchlist");
        var newAddress = regenerated.QuerySelector("#feed-address")!.GetAttribute("value")!;
        (await GetFeedAsync(address)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the old address after regenerating");
        (await GetFeedAsync(newAddress)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await PostFormAsync(client, "/watchlist", "/watchlist?handler=RevokeFeed", []);
        (await GetFeedAsync(newAddress)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "after revoking");
    }

    [Theory]
    [InlineData("/watchlist/feed/not-a-token.atom")]
    [InlineData("/watchlist/feed/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.atom")]
    public async Task An_unknown_feed_token_is_404(string path)
    {
        using var client = Fixture.CreateClient();

        (await client.GetAsync(new Uri(path, UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
