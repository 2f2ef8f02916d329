using System.Text.RegularExpressions;

namespace SesecPortal.Application.Domain;

/// <summary>
/// <c>[[GB 55015-2021]]</c>-style references in an article's Markdown: the label is a standard code, a policy's
/// title or slug, or a working group's code or slug. Resolved references link to the item's page and become relations.
/// </summary>
public static partial class ArticleReferences
{
    [GeneratedRegex(@"\[\[([^\[\]\r\n]{1,200})\]\]", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>The distinct labels referenced, as written (trimmed), in order of first appearance.</summary>
    public static IReadOnlyList<string> Find(string? markdown) =>
        string.IsNullOrEmpty(markdown)
            ? []
            : [.. Pattern().Matches(markdown).Select(m => m.Groups[1].Value.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// Replaces each reference by a Markdown link to its item, or by its bare label when it does not resolve
    /// (an old reference to a deleted item still reads as text).
    /// </summary>
    public static string Link(string markdown, Func<string, string?> urlOf) =>
        Pattern().Replace(markdown, m =>
        {
            var label = m.Groups[1].Value.Trim();
            var url = urlOf(label);
            var text = EscapeLinkText(label);
            return url is null ? text : $"[{text}]({url})";
        });

    /// <summary>The key two spellings of one reference share: a standard code's compact key, else the lower-cased label.</summary>
    public static string KeyOf(string label) =>
        StandardCode.TryParse(label, out var code) ? "code:" + code.Key : "text:" + label.Trim().ToLowerInvariant();

    private static string EscapeLinkText(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal)
            .Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
