using Lucene.Net.Index;
using Lucene.Net.Search;
using SesecPortal.Search.Analysis;

namespace SesecPortal.Search;

/// <summary>
/// Turns <see cref="SearchSyntax"/> into Lucene queries, analysed as the documents were: each required clause must match in
/// some field (a word in the title, another in the body is a match, as in one document vector), BM25 per field with the
/// field's weight, the scores of the fields a word is found in added up. Never a query parser over reader text.
/// </summary>
internal static partial class QueryBuilder
{
    /// <summary>A standard whose code key is the one typed: first of all.</summary>
    public const float ExactCodeBoost = 2000f;

    /// <summary>A code that starts with the key typed: before anything found by its words.</summary>
    public const float PrefixCodeBoost = 1000f;

    /// <summary>A prefix match counts less than the whole word.</summary>
    private const float PrefixWeight = 0.4f;

    /// <summary>
    /// The words' query, or null when no clause has a term to look for (only stop words, or nothing). Each clause must
    /// match the all-text field (its BM25 score counts once); matches in the title (or code) and the summary add their
    /// weighted scores as optional clauses, tested only on documents that already match.
    /// </summary>
    public static Query? Text(SearchSyntax syntax, bool widen) => Plan(syntax, widen)?.ToQuery();

    /// <summary>The words' query taken apart (<see cref="TextPlan"/>), or null when no clause has a term to look for.</summary>
    public static TextPlan? Plan(SearchSyntax syntax, bool widen)
    {
        var parts = syntax.Required.Select(clause => Clause(clause, widen)).OfType<Part>().ToList();
        return parts.Count == 0 ? null : new TextPlan(parts, Exclusions(syntax));
    }

    /// <summary>What the excluded clauses match (each document matching one is left out).</summary>
    public static IReadOnlyList<Query> Exclusions(SearchSyntax syntax) =>
        [.. syntax.Excluded.Select(clause => Clause(clause, widen: false)).OfType<Part>().Select(part => part.Match)];

    public static void AddExclusions(BooleanQuery query, SearchSyntax syntax)
    {
        foreach (var excluded in Exclusions(syntax))
        {
            query.Add(excluded, Occur.MUST_NOT);
        }
    }

    /// <summary>Documents whose code keys start with the key, an exact key scoring highest.</summary>
    public static Query Code(string codeKey)
    {
        var query = new BooleanQuery(disableCoord: true);
        query.Add(new ConstantScoreQuery(new TermQuery(new Term(Fields.CodeKeys, codeKey))) { Boost = ExactCodeBoost }, Occur.SHOULD);
        query.Add(new ConstantScoreQuery(new PrefixQuery(new Term(Fields.CodeKeys, codeKey))) { Boost = PrefixCodeBoost }, Occur.SHOULD);
        return query;
    }

    /// <summary>The terms a snippet marks: each word's term, and the prefixes when the search was widened.</summary>
    public static (HashSet<string> Terms, List<string> Prefixes) Highlights(SearchSyntax syntax, bool widened)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var prefixes = new List<string>();

        void Visit(SearchClause clause)
        {
            switch (clause)
            {
                case WordClause w:
                    if (Analyzers.EnglishTerm(w.Word) is { } term)
                    {
                        terms.Add(term);
                        if (widened && w.CanWiden && term.Length >= SearchSyntax.MinPrefixLength)
                        {
                            prefixes.Add(term);
                        }
                    }

                    break;
                case PhraseClause p:
                    foreach (var word in p.Words)
                    {
                        if (Analyzers.EnglishTerm(word) is { } t)
                        {
                            terms.Add(t);
                        }
                    }

                    break;
                case AnyOfClause a:
                    foreach (var alternative in a.Alternatives)
                    {
                        Visit(alternative);
                    }

                    break;
            }
        }

        foreach (var clause in syntax.Required)
        {
            Visit(clause);
        }

        return (terms, prefixes);
    }

    private static Part? Clause(SearchClause clause, bool widen) => clause switch
    {
        WordClause w => Word(w, widen),
        PhraseClause p => Phrase(p),
        AnyOfClause a => AnyOf(a, widen),
        _ => null,
    };

    private static Part? AnyOf(AnyOfClause clause, bool widen)
    {
        var match = new BooleanQuery(disableCoord: true);
        var scores = new List<Query>();
        foreach (var alternative in clause.Alternatives)
        {
            if (Clause(alternative, widen) is { } part)
            {
                match.Add(part.Match, Occur.SHOULD);
                scores.AddRange(part.Scores);
            }
        }

        return match.Clauses.Count > 0 ? new Part(match, scores) : null;
    }

    private static Part? Word(WordClause clause, bool widen)
    {
        if (WordTokenizer.HasCjk(clause.Word))
        {
            return new Part(Cjk(clause.Word), []);
        }

        var term = Analyzers.EnglishTerm(clause.Word);
        if (term is null)
        {
            return null;
        }

        Query match = new TermQuery(new Term(Fields.All, term)) { Boost = Fields.AllBoost };
        var scores = new List<Query>
        {
            new TermQuery(new Term(Fields.Title, term)) { Boost = Fields.TitleBoost },
            new TermQuery(new Term(Fields.Summary, term)) { Boost = Fields.SummaryBoost },
        };

        if (widen && clause.CanWiden && term.Length >= SearchSyntax.MinPrefixLength)
        {
            match = new BooleanQuery(disableCoord: true)
            {
                { match, Occur.SHOULD },
                { new PrefixQuery(new Term(Fields.All, term)) { Boost = Fields.AllBoost * PrefixWeight }, Occur.SHOULD },
            };
            scores.Add(new PrefixQuery(new Term(Fields.Title, term)) { Boost = Fields.TitleBoost * PrefixWeight });
        }

        return new Part(match, scores);
    }

    private static Part? Phrase(PhraseClause clause)
    {
        if (clause.Words.Any(WordTokenizer.HasCjk))
        {
            // Chinese has no word positions to compare with English ones: every word must be there.
            var all = new BooleanQuery(disableCoord: true);
            var scores = new List<Query>();
            foreach (var word in clause.Words)
            {
                if (Word(new WordClause(word, CanWiden: false), widen: false) is { } part)
                {
                    all.Add(part.Match, Occur.MUST);
                    scores.AddRange(part.Scores);
                }
            }

            return all.Clauses.Count > 0 ? new Part(all, scores) : null;
        }

        var terms = new List<(string Term, int Position)>();
        for (var i = 0; i < clause.Words.Count; i++)
        {
            if (Analyzers.EnglishTerm(clause.Words[i]) is { } term)
            {
                terms.Add((term, i));
            }
        }

        if (terms.Count == 0)
        {
            return null;
        }

        if (terms.Count == 1)
        {
            return Word(new WordClause(terms[0].Term, CanWiden: false), widen: false);
        }

        PhraseQuery PhraseIn(string field, float boost)
        {
            var phrase = new PhraseQuery { Boost = boost };
            foreach (var (term, position) in terms)
            {
                phrase.Add(new Term(field, term), position - terms[0].Position);
            }

            return phrase;
        }

        return new Part(PhraseIn(Fields.All, Fields.AllBoost), [PhraseIn(Fields.Title, Fields.TitleBoost), PhraseIn(Fields.Summary, Fields.SummaryBoost)]);
    }

    /// <summary>
    /// A word in Chinese (or another CJK script): SmartCn's words in the Chinese title (every one), or its characters as
    /// bigrams (every one: the text is in the title, however it was segmented), or the run as a word in the English fields.
    /// </summary>
    private static BooleanQuery Cjk(string word)
    {
        var query = new BooleanQuery(disableCoord: true);

        var smart = Analyzers.Terms(Analyzers.Chinese, Fields.TitleZh, word);
        if (smart.Count > 0)
        {
            var all = new BooleanQuery(disableCoord: true) { Boost = Fields.TitleZhBoost };
            foreach (var term in smart.Select(t => t.Term).Distinct(StringComparer.Ordinal))
            {
                all.Add(new TermQuery(new Term(Fields.TitleZh, term)), Occur.MUST);
            }

            query.Add(all, Occur.SHOULD);
        }

        var chars = Runes(word);
        if (chars.Count > 0)
        {
            var bigrams = new BooleanQuery(disableCoord: true) { Boost = Fields.TitleZhBigramBoost };
            if (chars.Count == 1)
            {
                bigrams.Add(new TermQuery(new Term(Fields.TitleZhBigrams, chars[0])), Occur.MUST);
            }
            else
            {
                foreach (var bigram in chars.Zip(chars.Skip(1), (a, b) => a + b).Distinct(StringComparer.Ordinal))
                {
                    bigrams.Add(new TermQuery(new Term(Fields.TitleZhBigrams, bigram)), Occur.MUST);
                }
            }

            query.Add(bigrams, Occur.SHOULD);
        }

        query.Add(new TermQuery(new Term(Fields.All, word)) { Boost = Fields.AllBoost }, Occur.SHOULD);
        query.Add(new TermQuery(new Term(Fields.Title, word)) { Boost = Fields.TitleBoost }, Occur.SHOULD);
        return query;
    }

    private static List<string> Runes(string word)
    {
        var result = new List<string>();
        foreach (var rune in word.EnumerateRunes())
        {
            if (WordTokenizer.IsCjk(rune.Value))
            {
                result.Add(rune.ToString());
            }
        }

        return result;
    }
}
