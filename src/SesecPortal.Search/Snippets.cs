using System.Net;
using System.Text;
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
        var (windowStart, windowEnd, marks) = Marks(text, terms, prefixes);
        return windowStart < 0 ? null : Render(text, windowStart, windowEnd, marks);
    }

    /// <summary>The window around the first matched word (-1 without one) and the matched words in it.</summary>
    private static (int Start, int End, List<(int Start, int End)> Marks) Marks(string text, HashSet<string> terms, List<string> prefixes)
    {
        // Words are found as the tokenizer finds them; only those that start like a query term (two letters: spelling
        // folding and stemming change endings) go through the analyzer, so a long body costs a scan, not an analysis.
        var starts = new HashSet<string>(terms.Concat(prefixes).Select(t => t[..Math.Min(2, t.Length)]), StringComparer.Ordinal);
        var marks = new List<(int Start, int End)>();
        var windowStart = -1;
        var windowEnd = int.MaxValue;
        foreach (var (start, end) in Words(text))
        {
            if (start >= windowEnd)
            {
                break;
            }

            if (end - start > 64 || !starts.Contains(text.Substring(start, Math.Min(2, end - start)).ToLowerInvariant()))
            {
                continue;
            }

            var t = Analyzers.EnglishTerm(text[start..end]);
            if (t is null || (!terms.Contains(t) && !prefixes.Exists(p => t.StartsWith(p, StringComparison.Ordinal))))
            {
                continue;
            }

            if (windowStart < 0)
            {
                windowStart = Math.Min(WordStart(text, Math.Max(0, start - Before)), start);
                windowEnd = Math.Max(Math.Min(text.Length, windowStart + Length), end);
            }

            if (end <= windowEnd)
            {
                marks.Add((start, end));
            }
        }

        return (windowStart, windowEnd, marks);
    }

    /// <summary>The window's text, HTML-encoded, its matched words marked, cut at a word.</summary>
    private static string Render(string text, int windowStart, int windowEnd, List<(int Start, int End)> marks)
    {
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

    /// <summary>The words of a text as <see cref="WordTokenizer"/> finds them: start and end offsets.</summary>
    private static IEnumerable<(int Start, int End)> Words(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !IsWord(text, i, out _))
            {
                i += Width(text, i);
            }

            if (i >= text.Length)
            {
                yield break;
            }

            var start = i;
            IsWord(text, i, out var cjk);
            while (i < text.Length && IsWord(text, i, out var c) && c == cjk)
            {
                i += Width(text, i);
            }

            yield return (start, i);
        }
    }

    private static int Width(string text, int at) => char.IsSurrogatePair(text, at) ? 2 : 1;

    private static bool IsWord(string text, int at, out bool cjk)
    {
        var ch = text[at];
        if (ch < 128)
        {
            cjk = false;
            return char.IsAsciiLetterOrDigit(ch);
        }

        if (char.IsSurrogate(ch) && !char.IsSurrogatePair(text, at))
        {
            cjk = false;
            return false;
        }

        var cp = char.ConvertToUtf32(text, at);
        cjk = WordTokenizer.IsCjk(cp);
        return WordTokenizer.IsWordChar(cp);
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
