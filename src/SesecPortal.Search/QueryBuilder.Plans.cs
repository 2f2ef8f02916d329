using Lucene.Net.Index;
using Lucene.Net.Search;
using SesecPortal.Search.Analysis;

namespace SesecPortal.Search;

/// <summary>The words' query taken apart (clauses and their scoring queries), and typo tolerance built the same way.</summary>
internal static partial class QueryBuilder
{
    /// <summary>
    /// Typo tolerance: the words matched against title words within an edit distance (1 for words of 4-7 letters, 2 from 8;
    /// shorter words whole). <paramref name="all"/>: every word must match; otherwise any. The query Lucene scores, and the
    /// same taken apart: each word a clause when all must match, the words as one "or" clause otherwise.
    /// </summary>
    public static (Query Query, TextPlan Plan)? Fuzzy(SearchSyntax syntax, bool all)
    {
        var query = new BooleanQuery(disableCoord: true);
        var words = new List<Query>();
        foreach (var word in syntax.Words.Distinct(StringComparer.Ordinal))
        {
            if (FuzzyWord(word) is { } q)
            {
                query.Add(q, all ? Occur.MUST : Occur.SHOULD);
                words.Add(q);
            }
        }

        if (words.Count == 0)
        {
            return null;
        }

        AddExclusions(query, syntax);
        IReadOnlyList<Part> parts = all ? [.. words.Select(q => new Part(q, []))] : [new Part(AnyOf(words), [])];
        return (query, new TextPlan(parts, Exclusions(syntax)));
    }

    private static Query? FuzzyWord(string word)
    {
        if (WordTokenizer.HasCjk(word))
        {
            return Cjk(word);
        }

        var term = Analyzers.EnglishTerm(word);
        if (term is null)
        {
            return null;
        }

        return term.Length >= 4
            ? new FuzzyQuery(new Term(Fields.Title, term), term.Length >= 8 ? 2 : 1, prefixLength: 1)
            : new TermQuery(new Term(Fields.Title, term));
    }

    private static BooleanQuery AnyOf(List<Query> queries)
    {
        var any = new BooleanQuery(disableCoord: true);
        foreach (var q in queries)
        {
            any.Add(q, Occur.SHOULD);
        }

        return any;
    }

    /// <summary>What a document must match for a clause, and the optional queries that add the title's and summary's weight.</summary>
    internal sealed record Part(Query Match, IReadOnlyList<Query> Scores)
    {
        /// <summary>The clause's whole score (its match and its scoring queries added up, as in the words' query), for bounds.</summary>
        public Query BoundQuery()
        {
            if (Scores.Count == 0)
            {
                return Match;
            }

            var query = new BooleanQuery(disableCoord: true) { { Match, Occur.SHOULD } };
            foreach (var score in Scores)
            {
                query.Add(score, Occur.SHOULD);
            }

            return query;
        }
    }

    /// <summary>
    /// The words' query taken apart: each required clause (a document must match every one; each adds its score) and what
    /// the excluded clauses match. <see cref="ToQuery"/> is the query Lucene scores.
    /// </summary>
    internal sealed record TextPlan(IReadOnlyList<Part> Required, IReadOnlyList<Query> Excluded)
    {
        public BooleanQuery ToQuery()
        {
            var query = new BooleanQuery(disableCoord: true);
            foreach (var part in Required)
            {
                query.Add(part.Match, Occur.MUST);
                foreach (var score in part.Scores)
                {
                    query.Add(score, Occur.SHOULD);
                }
            }

            foreach (var excluded in Excluded)
            {
                query.Add(excluded, Occur.MUST_NOT);
            }

            return query;
        }
    }
}
