using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Home;

namespace SesecPortal.IntegrationTests.Home;

/// <summary>robots.txt and the sitemap: every public page listed once, nothing private, files split at the protocol's limit.</summary>
public sealed class SitemapTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private async Task<XDocument> XmlAsync(string path)
    {
        using var client = Fixture.CreateClient();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml", path);
        return XDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
    }

    private static List<Uri> Locations(XDocument document) => [.. document.Descendants(Sitemap + "loc").Select(l => new Uri(l.Value))];

    [Fact]
    public async Task The_sitemap_lists_every_public_page_once_and_each_answers_200()
    {
        var index = await XmlAsync("/sitemap.xml");
        index.Root!.Name.ShouldBe(Sitemap + "sitemapindex");
        var files = Locations(index);
        // The newsletter gives no ICS codes, so the seed has no ICS page with standards (ClassificationReachTests lists them).
        files.Select(f => f.AbsolutePath).ShouldBe(GetSitemap.Kinds.Where(k => k != "ics").Select(k => $"/sitemaps/{k}/1.xml"), "the seed has items of every other kind, fewer than 50,000 each");
        files.ShouldAllBe(f => f.Host == Fixture.Address.Host && f.Port == Fixture.Address.Port);

        var pages = new List<Uri>();
        foreach (var file in files)
        {
            var urlset = await XmlAsync(file.AbsolutePath);
            urlset.Root!.Name.ShouldBe(Sitemap + "urlset");
            pages.AddRange(Locations(urlset));
        }

        pages.Count.ShouldBe(pages.Distinct().Count());
        var paths = pages.Select(p => p.AbsolutePath).ToList();
        paths.ShouldContain("/");
        paths.ShouldContain("/standards");
        paths.ShouldContain("/standards/gb-55015-2021");
        paths.ShouldContain("/issues/december-2021-january-2022");
        paths.ShouldContain("/working-groups/tc28-sc42");
        paths.ShouldContain("/sectors/carbon");
        await using var db = Fixture.Database.CreateDbContext();
        paths.Count(p => p.StartsWith("/standards/", StringComparison.Ordinal)).ShouldBe(await db.Standards.CountAsync(Ct));
        using var client = Fixture.CreateClient();
        foreach (var path in paths.Where((_, i) => i % 7 == 0))
        {
            (await client.GetAsync(new Uri(path, UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }
    }

    [Fact]
    public async Task A_draft_is_not_listed_and_an_article_appears_once_published()
    {
        var draft = await AsEditorAsync(new SaveArticle.Command
        {
            Title = "A draft about hydrogen", Summary = "Not yet.", Body = "Draft text.", SectorIds = [await SectorAsync("ict")],
        });
        string Path() => $"/articles/{SlugOf(draft.ArticleId)}";

        (await ArticlePathsAsync()).ShouldNotContain(Path());

        await PublishAsync(draft.ArticleId);

        (await ArticlePathsAsync()).ShouldContain(Path(), "publishing evicts the cached sitemap");
    }

    [Fact]
    public async Task Files_hold_blocks_of_ids_within_the_limit_and_together_every_item_once()
    {
        var files = await SendAsync(new GetSitemap.IndexQuery(PerFile: 5));
        var blocks = files.Where(f => f.Kind == "standards").Select(f => f.Page).ToList();
        await using var db = Fixture.Database.CreateDbContext();
        var standards = await db.Standards.OrderBy(s => s.Id).Select(s => new { s.Id, s.Slug }).ToListAsync(Ct);
        blocks.ShouldBe(standards.Select(s => (s.Id - 1) / 5 + 1).Distinct());

        var listed = new List<string>();
        foreach (var block in blocks)
        {
            var entries = (await SendAsync(new GetSitemap.FileQuery("standards", block, PerFile: 5))).ShouldNotBeNull();
            entries.Count.ShouldBeInRange(1, 5);
            listed.AddRange(entries.Select(e => e.Path));
        }

        listed.ShouldBe(standards.Select(s => "/standards/" + s.Slug));
        (await SendAsync(new GetSitemap.FileQuery("standards", blocks[^1] + 1, PerFile: 5))).ShouldBeNull();
        (await SendAsync(new GetSitemap.FileQuery("standards", int.MaxValue, PerFile: 5))).ShouldBeNull();
    }

    [Fact]
    public async Task Deleting_an_item_leaves_the_others_in_their_files()
    {
        var blocks = (await SendAsync(new GetSitemap.IndexQuery(PerFile: 5))).Where(f => f.Kind == "standards").Select(f => f.Page).ToList();
        blocks.Count.ShouldBeGreaterThan(1);
        var before = new Dictionary<int, IReadOnlyList<GetSitemap.Entry>>();
        foreach (var block in blocks)
        {
            before[block] = (await SendAsync(new GetSitemap.FileQuery("standards", block, PerFile: 5))).ShouldNotBeNull();
        }

        var doomed = before[blocks[0]][0].Path["/standards/".Length..];
        await using (var db = Fixture.Database.CreateDbContext())
        {
            var id = await db.Standards.Where(s => s.Slug == doomed).Select(s => s.Id).SingleAsync(Ct);
            using var _ = Fixture.ActAs("editor@example.com", Roles.Editor);
            await SendAsync(new Application.Features.Standards.DeleteStandard.Command(id));
        }

        var first = await SendAsync(new GetSitemap.FileQuery("standards", blocks[0], PerFile: 5));
        (first ?? []).ShouldBe(before[blocks[0]].Skip(1));
        foreach (var block in blocks.Skip(1))
        {
            (await SendAsync(new GetSitemap.FileQuery("standards", block, PerFile: 5))).ShouldNotBeNull().ShouldBe(before[block], $"file {block}");
        }
    }

    [Fact]
    public async Task A_block_whose_items_were_all_deleted_leaves_the_index()
    {
        var blocks = (await SendAsync(new GetSitemap.IndexQuery(PerFile: 5))).Where(f => f.Kind == "standards").Select(f => f.Page).ToList();
        blocks.Count.ShouldBeGreaterThan(2);
        var emptied = blocks[1];
        await using (var db = Fixture.Database.CreateDbContext())
        {
            var ids = await db.Standards.Where(s => s.Id > (emptied - 1) * 5 && s.Id <= emptied * 5).Select(s => s.Id).ToListAsync(Ct);
            using var _ = Fixture.ActAs("editor@example.com", Roles.Editor);
            foreach (var id in ids)
            {
                await SendAsync(new Application.Features.Standards.DeleteStandard.Command(id));
            }
        }

        var after = (await SendAsync(new GetSitemap.IndexQuery(PerFile: 5))).Where(f => f.Kind == "standards").Select(f => f.Page).ToList();
        after.ShouldBe(blocks.Where(b => b != emptied));
        (await SendAsync(new GetSitemap.FileQuery("standards", emptied, PerFile: 5))).ShouldBeNull();
    }

    [Theory]
    [InlineData("/sitemaps/standards/0.xml")]
    [InlineData("/sitemaps/standards/2.xml")]
    [InlineData("/sitemaps/standards/-1.xml")]
    [InlineData("/sitemaps/standards/one.xml")]
    [InlineData("/sitemaps/users/1.xml")]
    [InlineData("/sitemaps/editor/1.xml")]
    public async Task A_sitemap_file_that_does_not_exist_is_404(string path)
    {
        using var client = Fixture.CreateClient();

        (await client.GetAsync(new Uri(path, UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Robots_keep_crawlers_out_of_editing_accounts_and_search_and_point_to_the_sitemap()
    {
        using var client = Fixture.CreateClient();
        var response = await client.GetAsync(new Uri("/robots.txt", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n');
        lines.ShouldContain("User-agent: *");
        lines.ShouldContain("Disallow: /editor");
        lines.ShouldContain("Disallow: /admin");
        lines.ShouldContain("Disallow: /account");
        lines.ShouldContain("Disallow: /search");
        lines.ShouldContain($"Sitemap: {Fixture.Address.ToString().TrimEnd('/')}/sitemap.xml");
        lines.ShouldNotContain("Disallow: /standards");
    }

    [Theory]
    [InlineData("/robots.txt")]
    [InlineData("/sitemap.xml")]
    [InlineData("/sitemaps/standards/1.xml")]
    public async Task Crawlers_may_ask_with_head(string path)
    {
        using var client = Fixture.CreateClient();
        using var head = new HttpRequestMessage(HttpMethod.Head, new Uri(path, UriKind.Relative));

        var response = await client.SendAsync(head, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync(Ct)).ShouldBeEmpty();
    }

    private async Task<List<string>> ArticlePathsAsync() => [.. Locations(await XmlAsync("/sitemaps/articles/1.xml")).Select(u => u.AbsolutePath)];

    private string SlugOf(int articleId)
    {
        using var db = Fixture.Database.CreateDbContext();
        return db.Articles.Where(a => a.Id == articleId).Select(a => a.Slug).Single();
    }

    private async Task<int> SectorAsync(string slug)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.Sectors.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Ct);
    }

    private async Task<T> AsEditorAsync<T>(Mediator.ICommand<T> command, string editor = "editor@example.com")
    {
        using var _ = Fixture.ActAs(editor, Roles.Editor);
        return await SendAsync(command);
    }

    private async Task PublishAsync(int articleId)
    {
        await using var db = Fixture.Database.CreateDbContext();
        var open = await db.ArticleRevisions.AsNoTracking().SingleAsync(r => r.ArticleId == articleId && r.State == RevisionState.Draft, Ct);
        await AsEditorAsync(new ReviewArticle.Command { ArticleId = articleId, RevisionId = open.Id, Version = open.Version, Do = ReviewArticle.Action.Submit });
        var submitted = await db.ArticleRevisions.AsNoTracking().SingleAsync(r => r.Id == open.Id, Ct);
        await AsEditorAsync(new ReviewArticle.Command { ArticleId = articleId, RevisionId = open.Id, Version = submitted.Version, Do = ReviewArticle.Action.Approve }, "reviewer@example.com");
        var approved = await db.ArticleRevisions.AsNoTracking().SingleAsync(r => r.Id == open.Id, Ct);
        await AsEditorAsync(new PublishArticle.Command(articleId, open.Id, approved.Version), "reviewer@example.com");
    }
}
