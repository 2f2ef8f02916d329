using System.Net;
using System.Text;
using Lucene.Net.Analysis.TokenAttributes;
using SesecPortal.Search.Analysis;

namespace SesecPortal.Search;

/// <summary>
/// A snippet from the stored summary (or the start of the body) around the first matched words: the text is analysed as
/// it was indexed, tokens whose term is a query term (or starts with a widened prefix) are wrapped in <c>mark</c>, and
/// every other character is HTML-encoded, so nothing from a document reaches the page as markup. About the cost of one
/// analysis of the summary and, when the summary holds no match, of the stored start of the body.
/// </summary>
internal static class Snippets
{
    public const int Length = 240;
    private const int Before = 60;

    public static string Make(string? summary, string? body, HashSet<string> terms, List<string> prefixes)
    {
        if (terms.Count > 0 || prefixes.Count > 0)
        {
            foreach (var text in new[] { summary, body })
            {
                if (!string.IsNullOrWhiteSpace(text) && Around(text, terms, prefixes) is { } snippet)
                {
                    return snippet;
                }
            }
        }

        return Excerpt(summary ?? body);
    }

    /// <summary>The text's first ~240 characters, cut at a word, HTML-encoded.</summary>
    public static string Excerpt(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        text = text.Trim();
        if (text.Length <= Length)
        {
            return WebUtility.HtmlEncode(text);
        }

        var cut = text.LastIndexOf(' ', Length - 1, 60);
        return WebUtility.HtmlEncode(text[..(cut > 0 ? cut : Length)]) + " …";
    }

    private static string? Around(string text, HashSet<string> terms, List<string> prefixes)
    {
        var marks = new List<(int Start, int End)>();
        var windowStart = -1;
        var windowEnd = int.MaxValue;
        using (var stream = Analyzers.English.GetTokenStream(Fields.Summary, text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                if (offset.StartOffset >= windowEnd)
                {
                    break;
                }

                var t = term.ToString();
                if (!terms.Contains(t) && !prefixes.Exists(p => t.StartsWith(p, StringComparison.Ordinal)))
                {
                    continue;
                }

                if (windowStart < 0)
                {
                    windowStart = Math.Min(WordStart(text, Math.Max(0, offset.StartOffset - Before)), offset.StartOffset);
                    windowEnd = Math.Min(text.Length, windowStart + Length);
                    if (offset.EndOffset > windowEnd)
                    {
                        windowEnd = offset.EndOffset;
                    }
                }

                if (offset.EndOffset <= windowEnd)
                {
                    marks.Add((offset.StartOffset, offset.EndOffset));
                }
            }

            stream.End();
        }

        if (windowStart < 0)
        {
            return null;
        }

        if (windowEnd < text.Length)
        {
            var cut = text.LastIndexOf(' ', windowEnd - 1, Math.Max(1, windowEnd - windowStart));
            var lastMark = marks.Count > 0 ? marks[^1].End : windowStart;
            if (cut > lastMark)
            {
                windowEnd = cut;
            }
        }

        var sb = new StringBuilder(Length + 64);
        if (windowStart > 0)
        {
            sb.Append("… ");
        }

        var at = windowStart;
        foreach (var (start, end) in marks)
        {
            sb.Append(WebUtility.HtmlEncode(text[at..start]));
            sb.Append("<mark>").Append(WebUtility.HtmlEncode(text[start..end])).Append("</mark>");
            at = end;
        }

        sb.Append(WebUtility.HtmlEncode(text[at..windowEnd]));
        if (windowEnd < text.Length)
        {
            sb.Append(" …");
        }

        return sb.ToString().Trim();
    }

    /// <summary>The start of the word at or after a position (so a snippet never starts mid-word).</summary>
    private static int WordStart(string text, int at)
    {
        if (at == 0)
        {
            return 0;
        }

        var space = text.IndexOf(' ', at);
        return space < 0 ? at : space + 1;
    }
}
