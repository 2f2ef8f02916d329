using Ganss.Xss;
using Markdig;

namespace SesecPortal.Application.Common;

/// <summary>
/// Markdown to HTML with Markdig, then sanitised with HtmlSanitizer: editors may use inline HTML (sub/superscripts, tables),
/// but script, event handlers, styles and javascript: URLs never reach a page.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseListExtras()
        .Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    public string ToHtml(string? markdown) => ToHtml(markdown, null);

    /// <summary>Renders Markdown whose <c>[[code]]</c> references link to the addresses <paramref name="referenceUrl"/> gives.</summary>
    public string ToHtml(string? markdown, Func<string, string?>? referenceUrl)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var linked = Domain.ArticleReferences.Link(markdown, referenceUrl ?? (_ => null));
        return sanitizer.Sanitize(Markdown.ToHtml(linked, pipeline));
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } a && a.GetAttribute("href") is { } href && href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                a.SetAttribute("rel", "noopener noreferrer");
            }
        };
        return sanitizer;
    }
}
