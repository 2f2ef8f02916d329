using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SesecPortal.Application.Common;
using SesecPortal.Application.Domain;

namespace SesecPortal.BrowserTests;

/// <summary>A reader follows the knowledge graph's links from a policy to a standard, its working group and an organisation.</summary>
public sealed class KnowledgeGraphPagesTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reader_goes_from_a_policy_to_a_standard_its_working_group_and_the_organisation_leading_it()
    {
        // The issue names no policy that references a TC 28/SC 42 standard: this test adds one, and removes it after.
        var relationId = await AddTestRelationAsync();
        try
        {
            var page = await browser.NewPageAsync();

            await page.GotoAsync("/policies/14th-fyp-national-standards-system");
            await ShouldBeAccessibleAsync(page, "graph-policy");
            await page.Locator("#rel-references-outgoing").GetByRole(AriaRole.Link, new() { Name = "T/CESA 1169-2021" }).ClickAsync();
            await BrowserFixture.WaitForPageAsync(page, "**/standards/t-cesa-1169-2021");
            (await page.Locator("#rel-references-incoming h3").InnerTextAsync()).ShouldBe("Referenced by");
            (await page.Locator("section.timeline, section.relations").CountAsync()).ShouldBeGreaterThanOrEqualTo(1);
            await ShouldBeAccessibleAsync(page, "graph-standard");

            await page.Locator("#rel-draftedby-outgoing").GetByRole(AriaRole.Link, new() { Name = "Chip and System Research Work Group" }).ClickAsync();
            await BrowserFixture.WaitForPageAsync(page, "**/working-groups/tc28-sc42-chip-and-system");
            (await page.Locator("#rel-draftedby-incoming h3").InnerTextAsync()).ShouldBe("Standards drafted by this working group");
            await ShouldBeAccessibleAsync(page, "graph-working-group");

            await page.Locator("#rel-leads-incoming").GetByRole(AriaRole.Link, new() { Name = "Huawei" }).ClickAsync();
            await BrowserFixture.WaitForPageAsync(page, "**/organisations/huawei");
            (await page.Locator("#rel-leads-outgoing").InnerTextAsync()).ShouldContain("Chip and System Research Work Group");
            await ShouldBeAccessibleAsync(page, "graph-organisation");
        }
        finally
        {
            await RemoveTestRelationAsync(relationId);
        }
    }

    [Fact]
    public async Task A_standard_page_shows_its_timeline_and_connections_without_javascript()
    {
        var page = await browser.NewPageAsync(javaScript: false);

        await page.GotoAsync("/standards/information-security-technology-guideline-for-identification-of-critical-data");

        (await page.Locator("section.timeline li").CountAsync()).ShouldBe(2);
        (await page.Locator("#rel-implements-outgoing a").InnerTextAsync()).ShouldBe("Administrative rules on the security of network data");
    }

    private static async Task ShouldBeAccessibleAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png"), FullPage = true });
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        blocking.ShouldBeEmpty(Describe(blocking));
    }

    private async Task<int> AddTestRelationAsync()
    {
        await using var db = browser.Database.CreateDbContext();
        var policy = await db.Policies.Where(p => p.Slug == "14th-fyp-national-standards-system").Select(p => p.Id).SingleAsync(Ct);
        var standard = await db.Standards.Where(s => s.Slug == "t-cesa-1169-2021").Select(s => s.Id).SingleAsync(Ct);
        var relation = new Relation
        {
            SubjectKind = ItemKind.Policy, SubjectId = policy, Type = RelationType.References, ObjectKind = ItemKind.Standard, ObjectId = standard,
            Note = "test data of the browser journey",
        };
        db.Relations.Add(relation);
        await db.SaveChangesAsync(Ct);
        await EvictAsync();
        return relation.Id;
    }

    private async Task RemoveTestRelationAsync(int id)
    {
        await using var db = browser.Database.CreateDbContext();
        await db.Relations.Where(r => r.Id == id).ExecuteDeleteAsync(Ct);
        await EvictAsync();
    }

    private async Task EvictAsync() => await browser.Factory.Services.GetRequiredService<IPublicCache>().EvictAsync(Ct);

    private static string Describe(IEnumerable<AxeResultItem> violations) =>
        string.Join("\n", violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}"));
}
