using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace SesecPortal.Search.Analysis;

/// <summary>
/// English text: <see cref="WordTokenizer"/> (lower case), British → American spelling, a short stop list, then KStem.
/// KStem rather than Porter: it is dictionary-checked, so it joins plurals and inflections (standards → standard,
/// requirements → requirement, labelling → label) without Porter's conflations of unrelated words (general and generative
/// both "gener", university and universe "univers", policy and police "polic"), which would rank the wrong items first
/// in a corpus full of "general requirements" and "generative AI". English-minimal stemming only handles plurals.
/// </summary>
internal sealed class EnglishTextAnalyzer : Analyzer
{
    /// <summary>
    /// Lucene's English stop words less "it", "no", "not", "such", "will", "into": IT is information technology, and the
    /// others are rare enough to cost little and sometimes matter in a title.
    /// </summary>
    internal static readonly CharArraySet StopWords = new(LuceneVersion.LUCENE_48,
        new[] { "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "is", "of", "on", "or", "the", "that",
            "their", "then", "there", "these", "they", "this", "to", "was", "with" }, ignoreCase: false);

    /// <summary>Values of one field (title and code; body and related names) are 100 positions apart: no phrase spans two.</summary>
    public override int GetPositionIncrementGap(string fieldName) => 100;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new WordTokenizer(reader);
        TokenStream stream = new SpellingFoldFilter(source);
        stream = new StopFilter(LuceneVersion.LUCENE_48, stream, StopWords);
        stream = new KStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }
}

/// <summary>CJK text as overlapping bigrams and single characters: a Chinese query's characters always find a title that holds them, however SmartCn segments either.</summary>
internal sealed class CjkBigramAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
        TokenStream stream = new CJKWidthFilter(source);
        stream = new LowerCaseFilter(LuceneVersion.LUCENE_48, stream);
        stream = new CJKBigramFilter(stream, CJKScript.HAN | CJKScript.HIRAGANA | CJKScript.KATAKANA | CJKScript.HANGUL, outputUnigrams: true);
        return new TokenStreamComponents(source, stream);
    }
}

/// <summary>The analyzers, per field, the same at indexing and query time.</summary>
internal static class Analyzers
{
    public static Analyzer English { get; } = new EnglishTextAnalyzer();

    public static Analyzer Chinese { get; } = new SmartChineseAnalyzer(LuceneVersion.LUCENE_48);

    public static Analyzer CjkBigrams { get; } = new CjkBigramAnalyzer();

    public static Analyzer PerField { get; } = new PerFieldAnalyzerWrapper(English, new Dictionary<string, Analyzer>
    {
        [Fields.TitleZh] = Chinese,
        [Fields.TitleZhBigrams] = CjkBigrams,
    });

    /// <summary>The terms an analyzer makes of a text, with their positions (stop words leave gaps).</summary>
    public static List<(string Term, int Position)> Terms(Analyzer analyzer, string field, string text)
    {
        var result = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += Math.Max(increment.PositionIncrement, 0);
            result.Add((term.ToString(), Math.Max(position, 0)));
        }

        stream.End();
        return result;
    }

    /// <summary>The one term of an English word, or null when it is a stop word.</summary>
    public static string? EnglishTerm(string word)
    {
        var terms = Terms(English, Fields.Title, word);
        return terms.Count == 0 ? null : terms[0].Term;
    }
}
