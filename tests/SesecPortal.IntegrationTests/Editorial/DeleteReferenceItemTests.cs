using System.Net;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Organisations;
using SesecPortal.Application.Features.Policies;
using SesecPortal.Application.Features.Relations;
using SesecPortal.Application.Features.Sectors;
using SesecPortal.Application.Features.Watchlists;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>Deleting reference items from their pages: the impact shown first, refusals, 404s (issue 4).</summary>
public sealed class DeleteReferenceItemTests(IntegrationFixture fixture) : ReferenceDataTest(fixture)
{
    [Fact]
    public async Task The_deletion_impact_names_what_else_changes_and_the_standard_goes_with_it_after_confirming_on_its_page()
    {
        var policy = await IdAsync(db => db.Policies, "carbon-peak-action-plan-before-2030");
        var doomed = await NewStandardAsync("GB/T 99001-2022", "Hydrogen refuelling: safety");
        doomed.Events = [new() { Kind = StandardEventKind.Amended, On = new DateOnly(2023, 1, 5), Note = "Amendment 1" }];
        var id = await AsEditorAsync(doomed);
        var replaced = await NewStandardAsync("GB/T 99000-2018", "Hydrogen refuelling: the older safety rules");
        replaced.Status = StandardStatus.Superseded;
        replaced.ReplacedBy = "GB/T 99001-2022";
        var replacedId = await AsEditorAsync(replaced);
        await AsEditorAsync(new AddRelation.Command { ItemKind = ItemKind.Standard, ItemId = id, Type = RelationType.Implements, OtherKind = ItemKind.Policy, OtherId = policy });
        var member = await Fixture.CreateUserAsync("follower@example.com", "Correct-Horse-42", Roles.Member);
        using (Fixture.ActAs(member, Roles.Member))
        {
            await SendAsync(new FollowItem.Command { Kind = WatchKind.Standard, ItemId = id });
        }

        var impact = (await SendAsync(new GetDeletionImpact.Query(ItemKind.Standard, id))).ShouldNotBeNull();

        impact.Title.ShouldBe("GB/T 99001-2022 Hydrogen refuelling: safety");
        impact.Refusal.ShouldBeNull();
        impact.Consequences.ShouldBe([
            "Its relation to another item is removed.",
            "Its timeline event is deleted.",
            "A standard it replaces no longer names its replacement.",
            "A member follows it: their watchlist will say it no longer exists.",
        ]);

        using var client = await SignedInAsync(Editor, Roles.Editor);
        var (_, edit) = await GetAsync(client, $"/editor/standards/{id}");
        var link = (await ParseHtmlAsync(edit)).QuerySelector($"a[href='/editor/standards/{id}/delete']").ShouldNotBeNull();
        link.TextContent.ShouldBe("Delete this standard…");
        var path = $"/editor/standards/{id}/delete";
        var (status, confirm) = await GetAsync(client, path);
        status.ShouldBe(HttpStatusCode.OK);
        var page = await ParseHtmlAsync(confirm);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Delete the standard “GB/T 99001-2022 Hydrogen refuelling: safety”?");
        page.QuerySelectorAll("main li").Select(li => li.TextContent).ShouldContain("Its timeline event is deleted.");
        (await WithDbAsync(db => db.Standards.AnyAsync(s => s.Id == id, Ct))).ShouldBeTrue("looking at the page deletes nothing");

        var deleted = await PostFieldsAsync(client, path, FieldsOf(page.QuerySelector("form.delete-form")!), []);

        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        deleted.Headers.Location!.ToString().ShouldBe("/editor/standards");
        (await ParseHtmlAsync((await GetAsync(client, "/editor/standards")).Html)).QuerySelector("[role=status]")!.TextContent
            .ShouldBe("The standard “GB/T 99001-2022 Hydrogen refuelling: safety” was deleted.");
        (await WithDbAsync(db => db.Standards.AnyAsync(s => s.Id == id, Ct))).ShouldBeFalse();
        (await WithDbAsync(db => db.Standards.SingleAsync(s => s.Id == replacedId, Ct))).ReplacedById.ShouldBeNull();
        (await GetPageAsync("/standards/gb-t-99001-2022")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await GetAsync(client, path)).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_item_with_nothing_depending_on_it_is_deleted_from_its_page_and_leaves_the_public_pages()
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);
        var id = await AsEditorAsync(new EditOrganisation.Command { Name = "Short-lived Institute", Kind = OrganisationKind.ResearchInstitute });
        (await GetPageAsync("/organisations/short-lived-institute")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var path = $"/editor/organisations/{id}/delete";
        var page = await ParseHtmlAsync((await GetAsync(client, path)).Html);
        page.QuerySelector("main")!.TextContent.ShouldContain("Nothing else in the portal refers to it.");

        var response = await PostFieldsAsync(client, path, FieldsOf(page.QuerySelector("form.delete-form")!), []);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await GetPageAsync("/organisations/short-lived-institute")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_item_others_depend_on_says_why_before_the_editor_tries_and_a_post_anyway_is_refused_with_409()
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);
        var miit = await IdAsync(db => db.Organisations, "miit");
        var path = $"/editor/organisations/{miit}/delete";

        var (status, html) = await GetAsync(client, path);

        status.ShouldBe(HttpStatusCode.OK);
        var page = await ParseHtmlAsync(html);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("issues policies: remove it from their issuing authorities first.");
        page.QuerySelector("main form").ShouldBeNull("no delete button while it cannot be deleted");

        // A form drawn before the policy named it: the delete is refused, the page says why.
        var ict = await IdAsync(db => db.Sectors, "ict");
        var fresh = await AsEditorAsync(new EditOrganisation.Command { Name = "Soon an authority", Kind = OrganisationKind.ResearchInstitute });
        var freshPath = $"/editor/organisations/{fresh}/delete";
        var drawn = await ParseHtmlAsync((await GetAsync(client, freshPath)).Html);
        await AsEditorAsync(new EditPolicy.Command { Title = "A policy it issues", Kind = PolicyKind.Guideline, Status = PolicyStatus.Final, SectorIds = [ict], Authorities = [new() { OrganisationId = fresh }] });

        var refused = await PostFieldsAsync(client, freshPath, FieldsOf(drawn.QuerySelector("form.delete-form")!), []);

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("“Soon an authority” issues policies");
        (await WithDbAsync(db => db.Organisations.AnyAsync(o => o.Id == fresh, Ct))).ShouldBeTrue();
    }

    [Theory]
    [InlineData("/editor/standards/999999/delete")]
    [InlineData("/editor/articles/1/delete")]
    [InlineData("/editor/standards/not-a-number/delete")]
    public async Task The_delete_page_of_something_that_does_not_exist_is_404(string path)
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);

        (await GetAsync(client, path)).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_delete_without_the_antiforgery_token_or_by_a_member_deletes_nothing()
    {
        var id = await AsEditorAsync(new EditSector.Command { Name = "Kept sector" });
        var path = new Uri($"/editor/sectors/{id}/delete", UriKind.Relative);
        using var editor = await SignedInAsync(Editor, Roles.Editor);
        using var member = await SignedInAsync("member@example.com", Roles.Member);
        using var empty = new FormUrlEncodedContent([]);
        using var withToken = new FormUrlEncodedContent([new("__RequestVerificationToken", await AntiforgeryTokenAsync(member, "/account/sign-out"))]);

        (await editor.PostAsync(path, empty, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await member.PostAsync(path, withToken, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await WithDbAsync(db => db.Sectors.AnyAsync(s => s.Id == id, Ct))).ShouldBeTrue();
    }
}
