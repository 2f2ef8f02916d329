using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Policies;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>The editor pages of reference items: saving, validation, creating, forms that are tampered with (issue 4).</summary>
public sealed class ReferenceEditPageTests(IntegrationFixture fixture) : ReferenceDataTest(fixture)
{
    [Fact]
    public async Task An_edit_saved_on_the_page_shows_on_the_public_page_at_once_and_is_audited()
    {
        var before = await GetPageAsync($"/standards/{Gb55015}");
        before.Document.QuerySelector("h1")!.TextContent.ShouldNotContain("Revised title");
        using var client = await SignedInAsync(Editor, Roles.Editor);
        var id = await IdAsync(db => db.Standards, Gb55015);

        var saved = await PostEditFormAsync(client, $"/editor/standards/{id}", new() { ["Input.TitleEn"] = "Revised title of the building energy code" });

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        saved.Headers.Location!.ToString().ShouldBe($"/editor/standards/{id}");
        var after = await GetPageAsync($"/standards/{Gb55015}");
        after.Document.Body!.TextContent.ShouldContain("Revised title of the building energy code");
        var audit = await WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.ItemKind == ItemKind.Standard && a.ItemId == id, Ct));
        audit.Action.ShouldBe("saved");
        audit.UserName.ShouldBe(Editor);
        var (_, page) = await GetAsync(client, $"/editor/standards/{id}");
        page.ShouldContain("The standard was saved.");
    }

    [Fact]
    public async Task A_validation_error_on_the_page_is_shown_next_to_its_field_and_keeps_the_input()
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);
        var id = await IdAsync(db => db.Standards, Gb55015);

        var response = await PostEditFormAsync(client, $"/editor/standards/{id}", new() { ["Input.Code"] = "not a code at all", ["Input.TitleZh"] = "typed by the editor" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var document = await ParseAsync(response);
        document.QuerySelector("#code-error")!.TextContent.ShouldContain("not a standard code the portal recognises");
        document.QuerySelector<IHtmlInputElement>("input[name='Input.TitleZh']")!.Value.ShouldBe("typed by the editor");
    }

    [Fact]
    public async Task A_new_item_is_created_on_its_page_and_the_form_moves_rows_without_saving()
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);
        var miit = (await IdAsync(db => db.Organisations, "miit")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ndrc = (await IdAsync(db => db.Organisations, "ndrc")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = "Guideline on green data centres", ["Input.Kind"] = "Guideline", ["Input.Status"] = "Final",
            ["Input.Authorities[0].OrganisationId"] = miit, ["Input.Authorities[1].OrganisationId"] = ndrc,
            ["Input.SectorIds"] = (await IdAsync(db => db.Sectors, "ict")).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var moved = await PostFieldsAsync(client, "/editor/policies/new", await FormFieldsAsync(client, "/editor/policies/new"), new(fields) { ["move"] = "Authorities:1:up" });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var form = await ParseAsync(moved);
        form.QuerySelector<IHtmlSelectElement>("select[name='Input.Authorities[0].OrganisationId']")!.Value.ShouldBe(ndrc);
        (await WithDbAsync(db => db.Policies.AnyAsync(p => p.Slug == "guideline-on-green-data-centres", Ct))).ShouldBeFalse();

        var created = await PostFieldsAsync(client, "/editor/policies/new", FieldsOf(form), []);
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var policy = (await SendAsync(new GetPolicy.Query("guideline-on-green-data-centres"))).ShouldNotBeNull();
        policy.Authorities.Select(a => a.Slug).ShouldBe(["ndrc", "miit"]);
        (await GetPageAsync("/policies/guideline-on-green-data-centres")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("standards")]
    [InlineData("policies")]
    [InlineData("working-groups")]
    [InlineData("organisations")]
    [InlineData("sectors")]
    public async Task An_edit_form_posted_without_its_antiforgery_token_is_refused(string area)
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);
        using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("Input.Name", "x"), new("Input.Title", "x")]);

        var response = await client.PostAsync(new Uri($"/editor/{area}/new", UriKind.Relative), content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_member_posting_an_edit_form_with_extra_fields_changes_nothing()
    {
        using var client = await SignedInAsync("member@example.com", Roles.Member);
        var id = await IdAsync(db => db.Standards, Gb55015);
        var token = await AntiforgeryTokenAsync(client, "/account/sign-out");
        using var content = new FormUrlEncodedContent([new("Input.TitleEn", "Hijacked"), new("Input.UserId", "admin"), new("Roles", Roles.Admin), new("__RequestVerificationToken", token)]);

        var response = await client.PostAsync(new Uri($"/editor/standards/{id}", UriKind.Relative), content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await WithDbAsync(db => db.Standards.SingleAsync(s => s.Id == id, Ct))).TitleEn.ShouldNotBe("Hijacked");
    }

    [Fact]
    public async Task An_editor_posting_extra_fields_is_still_audited_as_themselves()
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);
        var id = await IdAsync(db => db.Sectors, "ai");

        await PostEditFormAsync(client, $"/editor/sectors/{id}", new() { ["Input.Name"] = "Artificial intelligence", ["UserName"] = "admin", ["Input.AuthorName"] = "admin", ["Input.Id"] = "1" });

        var audit = await WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.ItemKind == ItemKind.Sector, Ct));
        audit.ItemId.ShouldBe(id);
        audit.UserName.ShouldBe(Editor);
    }
}
