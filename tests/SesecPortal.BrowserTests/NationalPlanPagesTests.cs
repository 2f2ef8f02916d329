using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.BrowserTests;

/// <summary>A national plan in real Chromium: an editor records its deadline and a stage (a refused deadline is kept with its message), and readers see the stages and the overdue flag.</summary>
public sealed class NationalPlanPagesTests(BrowserFixture browser) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The journey edits a seed plan record: the other tests read the seed as it was.</summary>
    public async ValueTask DisposeAsync() => await browser.RestoreSeedAsync();

    [Fact]
    public async Task An_editor_records_a_plans_deadline_and_stage_and_readers_see_it_overdue_with_its_stages()
    {
        int id;
        await using (var scope = browser.CreateScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Standards.Where(s => s.Slug == "20190805-t-469")
                .Select(s => s.Id).SingleAsync(TestContext.Current.CancellationToken);
        }

        var page = await browser.SignedInPageAsync("plan-editor@example.com", Roles.Editor);
        await page.GotoAsync($"/editor/standards/{id}");
        await page.GetByLabel("Plan deadline").FillAsync("2035-01-01");
        await page.GetByLabel("Event 1: what").SelectOptionAsync(new SelectOptionValue { Label = "Plan approved" });
        await page.GetByLabel("Event 1: date").FillAsync("2019-08-05");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the standard" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, $"**/editor/standards/{id}");
        (await page.Locator("#plan-deadline-error").InnerTextAsync()).ShouldContain("within ten years of the plan's year (2019)");
        (await page.GetByLabel("Plan deadline").InputValueAsync()).ShouldBe("2035-01-01");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(page, "editor-plan-deadline-error");

        await page.GetByLabel("Plan deadline").FillAsync("2021-12-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the standard" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, $"**/editor/standards/{id}");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("The standard was saved.");

        var reader = await browser.NewPageAsync();
        await reader.GotoAsync("/standards/20190805-t-469");
        var plan = reader.Locator("section.plan");
        await Assertions.Expect(plan.Locator(".plan-overdue")).ToContainTextAsync("31 December 2021");
        await Assertions.Expect(plan.Locator("ol.plan-stages li").First).ToContainTextAsync("5 August 2019");
        await Assertions.Expect(plan.Locator("dd.plan-nature")).ToContainTextAsync("Recommended national standard");
        await BrowserFixture.ExpectAccessibleAtBothWidthsAsync(reader, "standard-plan-stages");
    }
}
