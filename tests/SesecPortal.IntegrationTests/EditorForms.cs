using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace SesecPortal.IntegrationTests;

/// <summary>An editor form as a browser reads and posts it: its fields (with the antiforgery token), some of them changed.</summary>
internal static class EditorForms
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The fields of the page's edit form as a browser would post them.</summary>
    public static async Task<List<KeyValuePair<string, string>>> FieldsAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return FieldsOf(await ParseAsync(response));
    }

    /// <summary>The fields of a form (or of the page's <c>form.edit-form</c>), checked boxes only.</summary>
    public static List<KeyValuePair<string, string>> FieldsOf(IParentNode root)
    {
        var form = root is IElement { TagName: "FORM" } f ? f : root.QuerySelector("form.edit-form")!;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when !box.IsChecked:
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
            }
        }

        return fields;
    }

    /// <summary>Posts a form's fields with some replaced (a checkbox list such as Input.SectorIds is replaced whole).</summary>
    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, string path, List<KeyValuePair<string, string>> fields, Dictionary<string, string> changes, string? action = null)
    {
        var posted = fields.Where(f => !changes.ContainsKey(f.Key)).Concat(changes).ToList();
        using var content = new FormUrlEncodedContent(posted);
        return await client.PostAsync(new Uri(action ?? path, UriKind.Relative), content, Ct);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) => await ParseHtmlAsync(await response.Content.ReadAsStringAsync(Ct));

    public static async Task<IHtmlDocument> ParseHtmlAsync(string html) =>
        (IHtmlDocument)await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), Ct);
}
