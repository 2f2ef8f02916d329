namespace SesecPortal.Application.Domain;

/// <summary>
/// Source links as editors type them, one per line: the address, then optionally its title
/// (<c>https://www.ndrc.gov.cn/... NDRC notice</c>).
/// </summary>
public static class SourceLinkText
{
    public sealed record Entry(int Line, string Url, string? Title);

    public static IReadOnlyList<Entry> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var entries = new List<Entry>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var space = line.IndexOfAny([' ', '\t']);
            var url = space < 0 ? line : line[..space];
            var title = space < 0 ? null : line[(space + 1)..].Trim();
            entries.Add(new Entry(i + 1, url, string.IsNullOrEmpty(title) ? null : title));
        }

        return entries;
    }

    /// <summary>Only absolute http and https addresses are accepted.</summary>
    public static bool IsAcceptable(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);

    public static string Format(IEnumerable<(string Url, string? Title)> links) =>
        string.Join('\n', links.Select(l => l.Title is null ? l.Url : $"{l.Url} {l.Title}"));
}
