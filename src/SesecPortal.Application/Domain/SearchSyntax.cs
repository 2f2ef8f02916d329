using System.Globalization;
using System.Text;

namespace SesecPortal.Application.Domain;

/// <summary>
/// Web-search syntax to a PostgreSQL <c>tsquery</c>: words (matched by prefix: "cyber" finds cybersecurity),
/// "quoted phrases", <c>or</c> between alternatives, <c>-word</c> or <c>-"phrase"</c> to exclude.
/// <see cref="ExactTsQuery"/> is the same query with whole words only. Search tries it first, and widens to prefixes when it
/// finds less than a page: a prefix of a common stem ("standard:*") expands to many index entries and finds far more
/// than the reader meant.
/// Only letters and digits reach the tsquery, so no input can break its syntax: <c>&amp;|!():*</c>, lone quotes and
/// SQL-looking text are just punctuation.
/// </summary>
public sealed record SearchSyntax(string Text, string? TsQuery, IReadOnlyList<string> Words, bool WasShortened)
{
    /// <summary>The query with whole words only (no prefix matching); equal to <see cref="TsQuery"/> when it has no prefixes.</summary>
    public string? ExactTsQuery => TsQuery?.Replace(":*", "", StringComparison.Ordinal);

    public bool HasPrefixes => TsQuery is not null && TsQuery.Contains(":*", StringComparison.Ordinal);

    public const int MaxLength = 256;

    /// <summary>Words shorter than this are matched whole, not as prefixes (a one-letter prefix matches everything).</summary>
    private const int MinPrefixLength = 3;

    public bool IsEmpty => TsQuery is null;

    public static SearchSyntax Parse(string? input)
    {
        var text = (input ?? "").Normalize(NormalizationForm.FormKC).Trim();
        var shortened = false;
        if (text.Length > MaxLength)
        {
            text = text[..MaxLength];
            shortened = true;
        }

        var clauses = new List<string>();   // AND-ed together
        var words = new List<string>();
        var pendingOr = false;
        foreach (var token in Tokenize(text))
        {
            if (!token.Quoted && token.Text.Equals("or", StringComparison.OrdinalIgnoreCase))
            {
                pendingOr = clauses.Count > 0;
                continue;
            }

            var lexemes = Lexemes(token.Text);
            if (lexemes.Count == 0)
            {
                continue;
            }

            string term;
            if (lexemes.Count == 1 && !token.Quoted)
            {
                term = lexemes[0].Length >= MinPrefixLength ? $"{lexemes[0]}:*" : lexemes[0];
            }
            else
            {
                // A phrase, or a hyphenated word such as "cyber-security": its words next to each other.
                term = "(" + string.Join(" <-> ", lexemes) + ")";
            }

            if (token.Negated)
            {
                clauses.Add("!" + term);
                pendingOr = false;
                continue;
            }

            words.AddRange(lexemes);
            if (pendingOr && clauses.Count > 0 && !clauses[^1].StartsWith('!'))
            {
                clauses[^1] = clauses[^1].StartsWith("((", StringComparison.Ordinal) && clauses[^1].EndsWith("))", StringComparison.Ordinal)
                    ? clauses[^1][..^1] + " | " + term + ")"
                    : "(" + clauses[^1] + " | " + term + ")";
            }
            else
            {
                clauses.Add(term);
            }

            pendingOr = false;
        }

        // Only exclusions: nothing to look for.
        var tsQuery = clauses.Any(c => !c.StartsWith('!')) ? string.Join(" & ", clauses) : null;
        return new SearchSyntax(text, tsQuery, words, shortened);
    }

    private static List<string> Lexemes(string text)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in text)
        {
            var category = char.GetUnicodeCategory(ch);
            if (char.IsLetterOrDigit(ch) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                current.Append(char.ToLowerInvariant(ch));
            }
            else if (current.Length > 0)
            {
                result.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            result.Add(current.ToString());
        }

        return result;
    }

    private readonly record struct Token(string Text, bool Quoted, bool Negated);

    private static IEnumerable<Token> Tokenize(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                yield break;
            }

            var negated = false;
            if (text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
            {
                negated = true;
                i++;
            }

            if (text[i] is '"' or '“' or '”')
            {
                // A phrase runs to the closing quote, or to the end when the quote is never closed.
                var start = ++i;
                while (i < text.Length && text[i] is not ('"' or '“' or '”'))
                {
                    i++;
                }

                yield return new Token(text[start..i], Quoted: true, negated);
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('"' or '“' or '”'))
                {
                    i++;
                }

                yield return new Token(text[start..i], Quoted: false, negated);
            }
        }
    }
}
