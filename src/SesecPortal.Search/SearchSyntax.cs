using System.Globalization;
using System.Text;

namespace SesecPortal.Search;

/// <summary>One thing a search looks for.</summary>
public abstract record SearchClause;

/// <summary>A word as typed, lower case (letters and digits only). <see cref="CanWiden"/>: it may be matched as a prefix when whole words find too little.</summary>
public sealed record WordClause(string Word, bool CanWiden) : SearchClause;

/// <summary>Words next to each other, in order: a "quoted phrase", or a word joined by punctuation (cyber-security, NB-IoT, 2.0).</summary>
public sealed record PhraseClause(IReadOnlyList<string> Words) : SearchClause;

/// <summary>Any of the alternatives (<c>a or b</c>).</summary>
public sealed record AnyOfClause(IReadOnlyList<SearchClause> Alternatives) : SearchClause;

/// <summary>
/// Web-search syntax, parsed into clauses the engine turns into queries (never into query-parser text): words,
/// "quoted phrases" (an unclosed quote runs to the end), <c>or</c> between alternatives, <c>-word</c> or <c>-"phrase"</c>
/// to exclude. Only letters and digits make words, so nothing a reader types is syntax to the engine: <c>title:x</c> is
/// the phrase "title x", <c>*:*</c>, <c>~</c>, <c>^</c>, <c>\</c>, <c>&amp;|!():*</c> and lone quotes or brackets are
/// dropped. Never throws.
/// </summary>
public sealed record SearchSyntax
{
    public const int MaxLength = 256;

    /// <summary>Words shorter than this are matched whole, never as prefixes (a one-letter prefix matches everything).</summary>
    public const int MinPrefixLength = 3;

    public static SearchSyntax Empty { get; } = new("", [], [], [], false);

    private SearchSyntax(string text, IReadOnlyList<SearchClause> required, IReadOnlyList<SearchClause> excluded, IReadOnlyList<string> words, bool wasShortened)
    {
        Text = text;
        Required = required;
        Excluded = excluded;
        Words = words;
        WasShortened = wasShortened;
    }

    /// <summary>The text searched for: normalised (NFKC, control characters as spaces, trimmed) and at most <see cref="MaxLength"/> long.</summary>
    public string Text { get; }

    /// <summary>Every one of these must match (an <see cref="AnyOfClause"/> by one of its alternatives).</summary>
    public IReadOnlyList<SearchClause> Required { get; }

    /// <summary>None of these may match.</summary>
    public IReadOnlyList<SearchClause> Excluded { get; }

    /// <summary>The words looked for (not the excluded ones), lower case, in order.</summary>
    public IReadOnlyList<string> Words { get; }

    public bool WasShortened { get; }

    /// <summary>Nothing to look for: no words, or only exclusions.</summary>
    public bool IsEmpty => Required.Count == 0;

    /// <summary>Whether some word may be widened to a prefix.</summary>
    public bool CanWiden => Required.Any(Widens);

    private static bool Widens(SearchClause clause) => clause switch
    {
        WordClause w => w.CanWiden,
        AnyOfClause a => a.Alternatives.Any(Widens),
        _ => false,
    };

    public static SearchSyntax Parse(string? input)
    {
        var (text, shortened) = Shorten(Clean(input));
        var required = new List<SearchClause>();
        var excluded = new List<SearchClause>();
        var words = new List<string>();
        var pendingOr = false;
        foreach (var token in Tokenize(text))
        {
            if (!token.Quoted && !token.Negated && token.Text.Equals("or", StringComparison.OrdinalIgnoreCase))
            {
                pendingOr = required.Count > 0;
                continue;
            }

            var lexemes = Lexemes(token.Text);
            if (lexemes.Count == 0)
            {
                continue;
            }

            SearchClause clause = lexemes.Count == 1 && !token.Quoted
                ? new WordClause(lexemes[0], lexemes[0].Length >= MinPrefixLength)
                : lexemes.Count == 1 ? new WordClause(lexemes[0], CanWiden: false) : new PhraseClause(lexemes);

            if (token.Negated)
            {
                excluded.Add(clause);
                pendingOr = false;
                continue;
            }

            words.AddRange(lexemes);
            if (pendingOr)
            {
                required[^1] = required[^1] is AnyOfClause any
                    ? new AnyOfClause([.. any.Alternatives, clause])
                    : new AnyOfClause([required[^1], clause]);
            }
            else
            {
                required.Add(clause);
            }

            pendingOr = false;
        }

        return new SearchSyntax(text, required, excluded, words, shortened);
    }

    /// <summary>At most <see cref="MaxLength"/> characters, never half a surrogate pair.</summary>
    private static (string Text, bool Shortened) Shorten(string text)
    {
        if (text.Length <= MaxLength)
        {
            return (text, false);
        }

        text = text[..MaxLength];
        if (char.IsHighSurrogate(text[^1]))
        {
            text = text[..^1];
        }

        return (text.TrimEnd(), true);
    }

    /// <summary>NFKC (full-width letters become ASCII), every control or format character a space, trimmed.</summary>
    private static string Clean(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return "";
        }

        string normalized;
        try
        {
            normalized = input.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates cannot be normalised: drop them.
            normalized = new string([.. input.Where(c => !char.IsSurrogate(c))]).Normalize(NormalizationForm.FormKC);
        }

        var sb = new StringBuilder(normalized.Length);
        for (var i = 0; i < normalized.Length; i++)
        {
            var ch = normalized[i];
            if (char.IsSurrogate(ch) && !(i + 1 < normalized.Length && char.IsSurrogatePair(ch, normalized[i + 1])) && !(i > 0 && char.IsSurrogatePair(normalized[i - 1], ch)))
            {
                sb.Append(' ');
                continue;
            }

            var category = char.GetUnicodeCategory(ch);
            sb.Append(char.IsControl(ch) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator ? ' ' : ch);
        }

        return sb.ToString().Trim();
    }

    /// <summary>
    /// Runs of letters and digits, lower case, split also where CJK script meets another (AI安全 → ai, 安全): the same
    /// words <see cref="Analysis.WordTokenizer"/> makes of documents.
    /// </summary>
    internal static List<string> Lexemes(string text)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        var currentCjk = false;
        for (var i = 0; i < text.Length; i++)
        {
            var cp = char.IsSurrogatePair(text, i) ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];
            var width = cp > 0xFFFF ? 2 : 1;
            if (Analysis.WordTokenizer.IsWordChar(cp))
            {
                var cjk = Analysis.WordTokenizer.IsCjk(cp);
                if (current.Length > 0 && cjk != currentCjk)
                {
                    result.Add(current.ToString());
                    current.Clear();
                }

                currentCjk = cjk;
                if (width == 1)
                {
                    current.Append(char.ToLowerInvariant(text[i]));
                }
                else
                {
                    current.Append(text, i, 2);
                }
            }
            else if (current.Length > 0)
            {
                result.Add(current.ToString());
                current.Clear();
            }

            i += width - 1;
        }

        if (current.Length > 0)
        {
            result.Add(current.ToString());
        }

        return result;
    }

    private readonly record struct Token(string Text, bool Quoted, bool Negated);

    private static bool IsQuote(char c) => c is '"' or '“' or '”' or '„' or '«' or '»';

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var negated = false;
            if (text[i] is '-' or '\u2212' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
            {
                negated = true;
                i++;
            }

            if (IsQuote(text[i]))
            {
                // A phrase runs to the closing quote, or to the end when the quote is never closed.
                var start = ++i;
                while (i < text.Length && !IsQuote(text[i]))
                {
                    i++;
                }

                tokens.Add(new Token(text[start..i], Quoted: true, negated));
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && !IsQuote(text[i]))
                {
                    i++;
                }

                tokens.Add(new Token(text[start..i], Quoted: false, negated));
            }
        }

        return tokens;
    }
}
