using System.Text.RegularExpressions;

namespace SesecPortal.Application.Domain;

/// <summary>What of an article's body a reader is shown after its lead (the summary).</summary>
public static partial class ArticleBody
{
    /// <summary>
    /// The body without its first paragraph when that paragraph repeats the lead word for word (spacing and line breaks
    /// aside): the newsletter often opens an article with its summary, and a page shows it once, as the lead.
    /// </summary>
    public static string WithoutRepeatedLead(string? summary, string body)
    {
        if (string.IsNullOrWhiteSpace(summary))
        {
            return body;
        }

        var trimmed = body.TrimStart();
        var end = ParagraphBreak().Match(trimmed);
        var first = end.Success ? trimmed[..end.Index] : trimmed;
        return Words(first) == Words(summary) ? (end.Success ? trimmed[(end.Index + end.Length)..] : "") : body;
    }

    private static string Words(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\r?\n[ \t]*\r?\n\s*")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
