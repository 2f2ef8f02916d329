using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.BrowserTests;

/// <summary>ICS and CCS in real Chromium: an editor classifies a standard (typed codes kept on an error), and readers browse the ICS tree to it.</summary>
public sealed class ClassificationPagesTests(BrowserFixture browser) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The journey edits a seed standard: the other tests read the seed as it was.</summary>
    public async ValueTask DisposeAsync() => await browser.RestoreSeedAsync();

    [Fact]
    public async Task An_editor_classifies_a_standard_and_readers_find_it_in_the_ICS_tree()
    {
        int id;
        await using (var scope = browser.CreateScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Standards.Where(s => s.Slug == "gb-55015-2021").Select(s => s.Id).SingleAsync(TestContext.Current.CancellationToken);
        }

        var page = await browser.SignedInPageAsync("ics-editor@example.com", Roles.Editor);
        await page.GotoAsync($"/editor/standards/{id}");
        (await page.Locator("datalist#ics-codes option[value='91.120.10']").CountAsync()).ShouldBe(1);
        await page.GetByLabel("ICS codes").FillAsync("91.120.10, 91.999");
        await page.GetByLabel("CCS code").FillAsync("P3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the standard" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, $"**/editor/standards/{id}");
        (await page.Locator("#ics-error").InnerTextAsync()).ShouldContain("“91.999” is not an ICS code");
        (await page.Locator("#ccs-error").InnerTextAsync()).ShouldContain("class letter and two digits");
        (await page.GetByLabel("ICS codes").InputValueAsync()).ShouldBe("91.120.10, 91.999");
        (await page.GetByLabel("CCS code").InputValueAsync()).ShouldBe("P3");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "editor-standard-ics-errors");

        await page.GetByLabel("ICS codes").FillAsync("91.120.10 27.015");
        await page.GetByLabel("CCS code").FillAsync("p32");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the standard" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, $"**/editor/standards/{id}");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("The standard was saved.");
        (await page.GetByLabel("CCS code").InputValueAsync()).ShouldBe("P32");

        var reader = await browser.NewPageAsync();
        await reader.GotoAsync("/ics");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(reader, "ics-tree");
        await reader.Locator(".ics-tree").GetByRole(AriaRole.Link, new() { Name = "91.120 Protection of and in buildings", Exact = false }).First.ClickAsync();
        await BrowserFixture.WaitForPageAsync(reader, "**/ics/91.120");
        await Assertions.Expect(reader.Locator("table.data")).ToContainTextAsync("GB 55015-2021");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(reader, "ics-group");
        await reader.Locator("table.data tr", new() { HasText = "GB 55015-2021" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await BrowserFixture.WaitForPageAsync(reader, "**/standards/gb-55015-2021");
        (await reader.Locator("main").InnerTextAsync()).ShouldContain("P32");

        // Search narrows by the ICS field, then down to its group, and by CCS class; the filters stay accessible at both widths.
        await reader.GotoAsync("/search?q=energy+efficiency");
        await reader.Locator("#facet-ics + ul").GetByRole(AriaRole.Link, new() { Name = "91 Construction materials and building", Exact = false }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(reader, "**ics=91**");
        await Assertions.Expect(reader.Locator("ol.hits")).ToContainTextAsync("GB 55015-2021");
        await reader.Locator("#facet-ics + ul").GetByRole(AriaRole.Link, new() { Name = "91.120", Exact = false }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(reader, "**ics=91.120**");
        await Assertions.Expect(reader.Locator("ol.hits")).ToContainTextAsync("GB 55015-2021");
        await Assertions.Expect(reader.Locator("#facet-ccs + ul")).ToContainTextAsync("P Engineering construction");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(reader, "search-ics-filter");

        // On paper, the article about it lists the standard with its classification.
        await reader.GotoAsync("/issues/december-2021-january-2022/print");
        await reader.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        var printed = reader.Locator(".print-standards li", new() { HasText = "GB 55015-2021" }).First;
        await Assertions.Expect(printed).ToContainTextAsync("ICS 27.015, 91.120.10");
        await Assertions.Expect(printed).ToContainTextAsync("CCS P32");
        await reader.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(reader, "issue-print-standards");
    }
}
