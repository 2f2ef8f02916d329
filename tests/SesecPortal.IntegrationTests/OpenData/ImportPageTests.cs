using System.Net;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests.OpenData;

/// <summary>Uploading a file to import and following the import on its page.</summary>
public sealed class ImportPageTests(IntegrationFixture fixture) : OpenDataApiTest(fixture)
{
    [Fact]
    public async Task An_admin_uploads_a_file_it_is_imported_in_the_background_and_its_page_shows_the_report()
    {
        using var client = await SignedInAsync("admin@example.org", Application.Domain.Roles.Admin);

        var response = await UploadAsync(client, """{"type":"policy","id":"p1","title":"An imported policy","slug":"an-imported-policy","authority":"MIIT","issued_on":"2022-01-05","sectors":["ict"]}""" + "\nnot json\n");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var jobPage = response.Headers.Location!.ToString();
        jobPage.ShouldMatch("^/admin/import/[0-9a-f-]{36}$");
        var page = await WaitForImportAsync(client, jobPage);
        page.ShouldContain("added 1 policy");
        page.ShouldContain("line 2");
        page.ShouldMatch(@"Written in [0-9.,]+ s \([0-9,]+ lines/s\); searchable [0-9.,]+ s after the import began\.");
        (await SendAsync(new Application.Features.Search.SearchPortal.Query("An imported policy"))).Hits.ShouldContain(h => h.Url == "/policies/an-imported-policy",
            "the import is reported searchable only once it is");
        (await GetPageAsync("/policies/an-imported-policy")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetStringAsync(new Uri("/admin/import", UriKind.Relative), Ct)).ShouldContain("policies.jsonl", Case.Sensitive, "the import page lists the latest imports");
    }

    [Fact]
    public async Task An_empty_upload_answers_400_with_the_form_and_says_why()
    {
        using var client = await SignedInAsync("admin@example.org", Application.Domain.Roles.Admin);

        var response = await UploadAsync(client, "");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("is empty: choose a JSON Lines file");
        html.ShouldContain("type=\"file\"");
    }

    [Fact]
    public async Task The_import_page_states_the_upload_limit()
    {
        using var client = await SignedInAsync("admin@example.org", Application.Domain.Roles.Admin);

        (await client.GetStringAsync(new Uri("/admin/import", UriKind.Relative), Ct)).ShouldContain("files of at most 256 MB");
    }

    [Fact]
    public async Task An_upload_over_the_limit_answers_413_with_a_page_that_says_the_limit()
    {
        await using var factory = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true, settings: new Dictionary<string, string> { ["Import:MaxUploadMB"] = "1" });
        await Fixture.CreateUserAsync("big-admin@example.org", "Correct-Horse-42", Application.Domain.Roles.Admin);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = factory.ServerAddress };
        (await PostFormAsync(client, "/account/sign-in", "/account/sign-in", [new("Input.Email", "big-admin@example.org"), new("Input.Password", "Correct-Horse-42")]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var response = await UploadAsync(client, new string('x', 1_300_000));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Uploads are limited to 1 MB");
        html.ShouldContain("-- import FILE.jsonl");
    }

    [Fact]
    public async Task A_running_import_shows_how_far_it_has_got_and_asks_to_be_updated()
    {
        using var client = await SignedInAsync("admin@example.org", Application.Domain.Roles.Admin);
        var id = await AddJobAsync(Application.Domain.ImportState.Running, bytes: 4_000_000, read: 1_000_000, lines: 2_500, updated: DateTimeOffset.UtcNow);

        var response = await client.GetAsync(new Uri($"/admin/import/{id}", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Refresh").Single().ShouldBe("2");
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("<progress id=\"import-progress\" max=\"100\" value=\"25\">");
        html.ShouldContain("importing: 25% of 3.8 MB, 2,500 lines read.");
    }

    [Fact]
    public async Task An_import_whose_instance_went_away_says_it_stopped()
    {
        using var client = await SignedInAsync("admin@example.org", Application.Domain.Roles.Admin);
        var id = await AddJobAsync(Application.Domain.ImportState.Running, bytes: 1000, read: 500, lines: 3, updated: DateTimeOffset.UtcNow.AddMinutes(-10));

        var response = await client.GetAsync(new Uri($"/admin/import/{id}", UriKind.Relative), Ct);

        response.Headers.Contains("Refresh").ShouldBeFalse();
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("stopped: the instance running it went away");
    }
}
