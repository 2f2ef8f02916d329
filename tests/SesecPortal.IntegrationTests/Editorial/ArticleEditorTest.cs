using System.Net;
using AngleSharp;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>The article editor's pages over HTTP, as a browser without JavaScript uses them.</summary>
public abstract class ArticleEditorTest(IntegrationFixture fixture) : PortalTest(fixture)
{
    protected async Task<string> SectorIdAsync(string slug)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return (await db.Sectors.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Ct)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    protected static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        (IHtmlDocument)await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(response.Content.ReadAsStream(Ct)), Ct);

    protected async Task<List<KeyValuePair<string, string>>> ArticleFieldsAsync(string title, string body) =>
    [
        new("Input.Title", title), new("Input.Summary", "A takeaway."), new("Input.Body", body),
        new("Input.SectorIds", await SectorIdAsync("carbon")), new("Input.EventDate", "2022-02-10"),
    ];

    protected async Task<int> CreateAsync(HttpClient client, string title, string body = "Text.")
    {
        var response = await PostFormAsync(client, "/editor/articles/new", "/editor/articles/new?handler=Save", await ArticleFieldsAsync(title, body));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Posts one of the edit page's workflow forms, with the revision and version the page shows.</summary>
    protected static async Task<HttpResponseMessage> WorkflowAsync(HttpClient client, int id, string handler, string? action = null, string? asAction = null)
    {
        var html = await client.GetStringAsync(new Uri($"/editor/articles/{id}", UriKind.Relative), Ct);
        var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), Ct);
        var form = page.QuerySelectorAll("form").First(f => (f.GetAttribute("action") ?? "").Contains($"handler={handler}", StringComparison.Ordinal)
            && (action is null || f.QuerySelector($"button[value={action}]") is not null));
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        if (action is not null)
        {
            fields.Add(new("do", asAction ?? action));
        }

        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content, Ct);
    }

    /// <summary>
    /// The edit form as the page shows it (every field, the revision and version it was opened at), with
    /// <paramref name="change"/> applied, posted by the button for <paramref name="handler"/>.
    /// </summary>
    protected static async Task<HttpResponseMessage> EditFormAsync(HttpClient client, int id, string handler, Action<List<KeyValuePair<string, string>>>? change = null)
    {
        var html = await client.GetStringAsync(new Uri($"/editor/articles/{id}", UriKind.Relative), Ct);
        var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), Ct);
        var form = page.QuerySelector("form.edit-form")!;
        form.QuerySelector($"button[formaction*='handler={handler}']").ShouldNotBeNull($"the edit form has no {handler} button");
        var fields = form.QuerySelectorAll("input, textarea")
            .Where(e => e.GetAttribute("name") is not null && (e.GetAttribute("type") != "checkbox" || e.HasAttribute("checked")))
            .Select(e => new KeyValuePair<string, string>(e.GetAttribute("name")!, e.LocalName == "textarea" ? e.TextContent : e.GetAttribute("value") ?? ""))
            .ToList();
        change?.Invoke(fields);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri($"/editor/articles/{id}?handler={handler}", UriKind.Relative), content, Ct);
    }

    protected static async Task<AngleSharp.Dom.IDocument> EditPageAsync(HttpClient client, int id)
    {
        var html = await client.GetStringAsync(new Uri($"/editor/articles/{id}", UriKind.Relative), Ct);
        return await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), Ct);
    }

    protected static void Replace(List<KeyValuePair<string, string>> fields, string name, string value)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.Add(new(name, value));
    }
}
