using Deque.AxeCore.Playwright;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.BrowserTests;

/// <summary>Writing, reviewing and publishing articles and issues in real Chromium, with every page scanned by axe.</summary>
public sealed class EditorialPagesTests(BrowserFixture browser) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>These journeys publish and edit: the other tests read the seed as it was.</summary>
    public async ValueTask DisposeAsync() => await browser.RestoreSeedAsync();




    private async Task<T> ReadAsync<T>(Func<PortalDbContext, Task<T>> read)
    {
        await using var scope = browser.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    [Fact]
    public async Task Every_article_and_issue_editor_page_has_no_serious_or_critical_accessibility_violations()
    {
        var article = await ReadAsync(db => db.Articles.Where(a => a.Slug == "china-meets-europe-sesec-presented-at-hamburg-summit").Select(a => a.Id).SingleAsync());
        var issue = await ReadAsync(db => db.Issues.Where(i => i.Slug == "december-2021-january-2022").Select(i => i.Id).SingleAsync());
        var page = await browser.SignedInPageAsync("axe-articles@example.com", Roles.Editor);
        foreach (var path in new[]
        {
            "/editor", "/editor/articles", "/editor/articles?queue=review", "/editor/articles/new", $"/editor/articles/{article}",
            $"/editor/articles/{article}/history", "/editor/audit", "/editor/issues", $"/editor/issues/{issue}",
            $"/editor/issues/{issue}/preview", $"/editor/issues/{issue}/preview?print=true", "/issues/december-2021-january-2022/print",
        })
        {
            var response = await page.GotoAsync(path);
            response!.Status.ShouldBe(200, path);
            await BrowserFixture.ExpectAccessibleAsync(page, "editorial-" + path.Trim('/').Replace('/', '-').Replace('?', '-').Replace('=', '-'));
        }
    }

    [Fact]
    public async Task An_editor_writes_an_article_a_second_editor_approves_it_and_it_appears_on_its_sector_page()
    {
        var title = $"Data-centre PUE guideline {Guid.NewGuid():N}"[..40];
        var reader = await browser.NewPageAsync();
        await reader.GotoAsync("/sectors/ict");
        (await reader.Locator("main").InnerTextAsync()).ShouldNotContain(title);

        var author = await browser.SignedInPageAsync("browser-author@example.com", Roles.Editor);
        await author.GotoAsync("/editor/articles/new");
        await author.GetByLabel("Title").FillAsync(title);
        await author.GetByLabel("Summary (the takeaway readers see in lists)").FillAsync("MIIT sets a PUE target.");
        await author.GetByLabel("Text (Markdown)").FillAsync("Data centres must reach **PUE 1.3**, see [[GB 55015-2021]].");
        // The live preview renders as the editor types (JavaScript on); the Preview button does the same without it.
        await author.Locator("#live-preview strong").WaitForAsync();
        (await author.Locator("#live-preview a").GetAttributeAsync("href")).ShouldBe("/standards/gb-55015-2021");
        await author.GetByLabel("ICT", new() { Exact = true }).CheckAsync();
        await BrowserFixture.ExpectAccessibleAsync(author, "editorial-new-article-filled");
        await author.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await WaitForArticlePageAsync(author);
        var editUrl = author.Url;
        // A last change typed, then submitted: the click saves it with the submission.
        await author.GetByLabel("Text (Markdown)").FillAsync("Data centres must reach **PUE 1.3** by 2025, see [[GB 55015-2021]].");
        await author.GetByRole(AriaRole.Button, new() { Name = "Save and submit for review" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(author, editUrl);
        (await author.Locator("[role=status]").InnerTextAsync()).ShouldContain("Saved and submitted for review");
        (await author.GetByLabel("Text (Markdown)").InputValueAsync()).ShouldContain("by 2025");

        var reviewer = await browser.SignedInPageAsync("browser-reviewer@example.com", Roles.Editor);
        await reviewer.GotoAsync(editUrl);
        await BrowserFixture.ExpectAccessibleAsync(reviewer, "editorial-article-in-review");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        (await reviewer.Locator("[role=status]").InnerTextAsync()).ShouldContain("Published");

        await reader.GotoAsync("/sectors/ict");
        await reader.GetByRole(AriaRole.Link, new() { Name = title }).First.ClickAsync();
        (await reader.Locator("h1").InnerTextAsync()).ShouldBe(title);
        await BrowserFixture.ExpectAccessibleAsync(reader, "editorial-published-article");
    }

    [Fact]
    public async Task An_editor_builds_and_publishes_an_issue()
    {
        var articleTitle = $"Issue journey {Guid.NewGuid():N}"[..30];
        var sector = await ReadAsync(db => db.Sectors.Where(s => s.Slug == "carbon").Select(s => s.Id).SingleAsync());
        // An article written and approved by two other editors, waiting for an issue.
        int articleId;
        using (browser.ActAs("writer@example.com", Roles.Editor))
        {
            await using var scope = browser.CreateScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            articleId = (await sender.Send(new SaveArticle.Command { Title = articleTitle, Summary = "S.", Body = "Body.", SectorIds = [sector] }, TestContext.Current.CancellationToken)).ArticleId;
            var open = await ReadAsync(db => db.ArticleRevisions.AsNoTracking().SingleAsync(r => r.ArticleId == articleId));
            await sender.Send(new ReviewArticle.Command { ArticleId = articleId, RevisionId = open.Id, Version = open.Version, Do = ReviewArticle.Action.Submit }, TestContext.Current.CancellationToken);
        }

        using (browser.ActAs("approver@example.com", Roles.Editor))
        {
            await using var scope = browser.CreateScope();
            var open = await ReadAsync(db => db.ArticleRevisions.AsNoTracking().SingleAsync(r => r.ArticleId == articleId));
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReviewArticle.Command { ArticleId = articleId, RevisionId = open.Id, Version = open.Version, Do = ReviewArticle.Action.Approve }, TestContext.Current.CancellationToken);
        }

        var page = await browser.SignedInPageAsync("browser-builder@example.com", Roles.Editor);
        await page.GotoAsync("/editor/issues");
        var title = await page.GetByLabel("Title").InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the issue" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, new System.Text.RegularExpressions.Regex("/editor/issues/\\d+$"));
        (await page.Locator("h1").InnerTextAsync()).ShouldContain(title);

        var firstSection = page.Locator(".builder-section").First;
        await firstSection.GetByLabel("Add an approved article to", new() { Exact = false }).SelectOptionAsync(new SelectOptionValue { Label = articleTitle });
        await firstSection.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        (await page.Locator(".builder-section").First.InnerTextAsync()).ShouldContain(articleTitle);
        await page.GetByLabel("Title", new() { Exact = true }).Nth(1).FillAsync("Why this issue matters");
        await BrowserFixture.ExpectAccessibleAsync(page, "editorial-issue-builder-filled");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish the issue and its 1 article" }).ClickAsync();
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("Published");

        var reader = await browser.NewPageAsync();
        await reader.GotoAsync("/issues");
        await reader.GetByRole(AriaRole.Link, new() { Name = title }).First.ClickAsync();
        (await reader.Locator("main").InnerTextAsync()).ShouldContain(articleTitle);
        await BrowserFixture.ExpectAccessibleAsync(reader, "editorial-published-issue");
    }

    /// <summary>
    /// Waits for the redirect to the saved article's page. It once timed out in CI and passed on every rerun; if it
    /// happens again, the failure says where the browser was and what the page said, and keeps a screenshot.
    /// </summary>
    private static async Task WaitForArticlePageAsync(IPage page)
    {
        try
        {
            await BrowserFixture.WaitForPageAsync(page, new System.Text.RegularExpressions.Regex("/editor/articles/\\d+$"), 40_000);
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "editorial-save-did-not-redirect.png"), FullPage = true });
            var text = await page.Locator("main").InnerTextAsync();
            throw new Xunit.Sdk.XunitException($"Saving did not lead to the article's page; the browser is at {page.Url}, showing:\n{text[..Math.Min(text.Length, 1500)]}");
        }
    }

    [Fact]
    public async Task Leaving_an_edit_form_with_unsaved_changes_asks_first_and_saving_does_not()
    {
        var author = await browser.SignedInPageAsync("browser-leaver@example.com", Roles.Editor);
        var asked = new List<string>();
        author.Dialog += (_, dialog) => asked.Add(dialog.Type);

        await author.GotoAsync("/editor/articles/new");
        await author.GetByLabel("Title").FillAsync("Typed and then almost lost");
        await author.GotoAsync("/editor");
        await BrowserFixture.WaitForPageAsync(author, new System.Text.RegularExpressions.Regex("/editor$"));

        asked.ShouldBe([DialogType.BeforeUnload], "leaving with a typed title should ask first");

        asked.Clear();
        await author.GotoAsync("/editor/articles/new");
        await author.GetByLabel("Title").FillAsync("Typed and saved");
        await author.GetByLabel("Summary (the takeaway readers see in lists)").FillAsync("A takeaway.");
        await author.GetByLabel("Text (Markdown)").FillAsync("Text.");
        await author.GetByLabel("ICT", new() { Exact = true }).CheckAsync();
        await author.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(author, new System.Text.RegularExpressions.Regex(@"/editor/articles/\d+$"));

        asked.ShouldBeEmpty("sending the form is not leaving it");
    }
}
