using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.BrowserTests;

/// <summary>The reference-data editors in real Chromium: every page scanned by axe, and an edit seen on the public page.</summary>
public sealed class ReferenceDataEditorPagesTests(BrowserFixture browser) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>These journeys publish and edit: the other tests read the seed as it was.</summary>
    public async ValueTask DisposeAsync() => await browser.RestoreSeedAsync();




    private async Task<int> IdAsync(Func<PortalDbContext, Task<int>> read)
    {
        await using var scope = browser.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    [Fact]
    public async Task Every_reference_data_editor_page_has_no_serious_or_critical_accessibility_violations()
    {
        var ids = new Dictionary<string, int>
        {
            ["policies"] = await IdAsync(db => db.Policies.MinAsync(p => p.Id)),
            ["standards"] = await IdAsync(db => db.Standards.MinAsync(s => s.Id)),
            ["working-groups"] = await IdAsync(db => db.WorkingGroups.Where(w => w.Slug == "tc28-sc42-knowledge-graph").Select(w => w.Id).SingleAsync()),
            ["organisations"] = await IdAsync(db => db.Organisations.MinAsync(o => o.Id)),
            ["sectors"] = await IdAsync(db => db.Sectors.MinAsync(s => s.Id)),
        };
        var page = await browser.SignedInPageAsync("axe-editor@example.com", Roles.Editor);
        foreach (var (area, id) in ids)
        {
            var paths = new List<string> { $"/editor/{area}", $"/editor/{area}/new", $"/editor/{area}/{id}", $"/editor/{area}/{id}/history", $"/editor/{area}/{id}/delete" };
            if (area != "sectors")
            {
                paths.Add($"/editor/{area}/{id}/relations?type=References&kind=Standard&q=energy");
            }

            foreach (var path in paths)
            {
                var response = await page.GotoAsync(path);
                response!.Status.ShouldBe(200, path);
                (await page.Locator("nav.editor-nav").CountAsync()).ShouldBe(1, path);
                await BrowserFixture.ExpectAccessibleAsync(page, "editor-" + path.Trim('/').Replace('/', '-').Replace('?', '-').Replace('&', '-').Replace('=', '-'));
            }
        }
    }

    [Fact]
    public async Task An_editor_changes_a_standards_title_and_readers_see_it_on_its_public_page()
    {
        var id = await IdAsync(db => db.Standards.Where(s => s.Slug == "t-cesa-1026-2018").Select(s => s.Id).SingleAsync());
        var reader = await browser.NewPageAsync();
        await reader.GotoAsync("/standards/t-cesa-1026-2018");
        (await reader.Locator("main").InnerTextAsync()).ShouldNotContain("Edited in the browser");

        var page = await browser.SignedInPageAsync("journey-editor@example.com", Roles.Editor);
        await page.GotoAsync($"/editor/standards/{id}");
        await page.GetByLabel("English title").FillAsync("Edited in the browser: artificial intelligence chips benchmark");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the standard" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, $"**/editor/standards/{id}");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("The standard was saved.");
        await BrowserFixture.ExpectAccessibleAsync(page, "editor-standard-saved");

        await reader.GotoAsync("/standards/t-cesa-1026-2018");
        (await reader.Locator("main").InnerTextAsync()).ShouldContain("Edited in the browser: artificial intelligence chips benchmark");
    }

    [Fact]
    public async Task An_editor_records_an_adoption_the_official_links_and_the_drafters_and_readers_see_them_labelled()
    {
        var id = await IdAsync(db => db.Standards.Where(s => s.Slug == "gb-t-50378-2019").Select(s => s.Id).SingleAsync());
        var page = await browser.SignedInPageAsync("record-editor@example.com", Roles.Editor);
        await page.GotoAsync($"/editor/standards/{id}");
        await page.GetByLabel("Adoption 1: code").FillAsync("ISO 21931-1:2022");
        await page.GetByLabel("National platform record (address)").FillAsync("not an address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the standard" }).ClickAsync();
        await page.Locator("#record-error").WaitForAsync();
        (await page.Locator("#record-error").InnerTextAsync()).ShouldContain("https://");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Choose the degree of adoption");
        (await page.GetByLabel("Adoption 1: code").InputValueAsync()).ShouldBe("ISO 21931-1:2022");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "editor-standard-record-refused");

        await page.GetByLabel("Adoption 1: degree").SelectOptionAsync("Modified");
        await page.GetByLabel("National platform record (address)").FillAsync("https://std.samr.gov.cn/gb/search/gbDetailed?id=1");
        await page.GetByLabel("Full-text reading page (address)").FillAsync("https://openstd.samr.gov.cn/bzgk/gb/newGbInfo?hcno=2");
        await page.GetByLabel("Drafting organisations").FillAsync("China Academy of Building Research\nShanghai Research Institute of Building Sciences");
        await page.GetByLabel("Drafters").FillAsync("Wang Qingqin, Lin Haiyan");
        await page.GetByLabel("Competent department (主管部门)").FillAsync("Ministry of Housing and Urban-Rural Development");
        await page.GetByLabel("Event 1: what").SelectOptionAsync("Reviewed");
        await page.GetByLabel("Event 1: date").FillAsync("2024-03-01");
        await page.GetByLabel("Event 1: review conclusion").SelectOptionAsync("Confirmed");
        await page.GetByLabel("Event 2: what").SelectOptionAsync("Amended");
        await page.GetByLabel("Event 2: date").FillAsync("2024-06-01");
        await page.GetByLabel("Event 2: amendment number").FillAsync("XG1-2024");
        await page.GetByLabel("What changed from the previous edition").FillAsync("Rewritten around safety, health, convenience, resource saving and liveability.");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "editor-standard-record");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the standard" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, $"**/editor/standards/{id}");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("The standard was saved.");

        var reader = await browser.NewPageAsync();
        await reader.GotoAsync("/standards/gb-t-50378-2019");
        var main = await reader.Locator("main").InnerTextAsync();
        main.ShouldContain("GB/T 50378\u20142019/ISO 21931-1:2022, modified (MOD)");
        main.ShouldContain("Shanghai Research Institute of Building Sciences");
        main.ShouldContain("Ministry of Housing and Urban-Rural Development");
        main.ShouldContain("Rewritten around safety, health, convenience, resource saving and liveability.");
        main.ShouldContain("Periodic review: confirmed");
        main.ShouldContain("Amendment XG1-2024");
        (await reader.GetByRole(AriaRole.Link, new() { Name = "Record on the national standards information platform" }).GetAttributeAsync("rel"))!.ShouldContain("noopener");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(reader, "standard-record");
    }

    [Fact]
    public async Task An_editor_deletes_a_standard_after_reading_what_else_changes_and_readers_no_longer_find_it()
    {
        var id = await IdAsync(db => db.Standards.Where(s => s.Slug == "gb-55015-2021").Select(s => s.Id).SingleAsync());
        var page = await browser.SignedInPageAsync("delete-editor@example.com", Roles.Editor);
        await page.GotoAsync($"/editor/standards/{id}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Delete this standard…" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, $"**/editor/standards/{id}/delete");
        (await page.Locator("h1").InnerTextAsync()).ShouldStartWith("Delete the standard “GB 55015-2021");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("What else changes");
        await BrowserFixture.ExpectAccessibleAsync(page, "editor-standard-delete");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete the standard" }).ClickAsync();

        await BrowserFixture.WaitForPageAsync(page, "**/editor/standards");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldStartWith("The standard “GB 55015-2021");
        await BrowserFixture.ExpectAccessibleAsync(page, "editor-standard-deleted");
        var reader = await browser.NewPageAsync();
        (await reader.GotoAsync("/standards/gb-55015-2021"))!.Status.ShouldBe(404);
    }
}
