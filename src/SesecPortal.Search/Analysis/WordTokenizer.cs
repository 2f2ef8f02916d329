using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace SesecPortal.Search.Analysis;

/// <summary>
/// Words are runs of letters, digits and combining marks, lower case; everything else separates them, and so does a change
/// between CJK script and any other (AI安全 → ai | 安全). The same rule as <see cref="SearchSyntax"/>'s, so a query word is
/// always a token the documents can hold: "2.0" is 2 | 0 on both sides, "GB/T" gb | t, "title:x" title | x.
/// </summary>
internal sealed class WordTokenizer : Tokenizer
{
    private const int MaxTokenLength = 255;

    private readonly ICharTermAttribute term;
    private readonly IOffsetAttribute offset;
    private char[] buffer = new char[4096];
    private int length;
    private int position;
    private int finalOffset;

    public WordTokenizer(TextReader input) : base(input)
    {
        term = AddAttribute<ICharTermAttribute>();
        offset = AddAttribute<IOffsetAttribute>();
    }

    public static bool IsWordChar(int codePoint)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark;
    }

    /// <summary>Han, kana and hangul: scripts written without spaces between words.</summary>
    public static bool IsCjk(int cp) =>
        cp is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x3FFFF) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0x3040 and <= 0x30FF) or (>= 0x31F0 and <= 0x31FF) or (>= 0xAC00 and <= 0xD7AF) or (>= 0x1100 and <= 0x11FF)
            or (>= 0x3130 and <= 0x318F) or 0x3005 or 0x3006 or 0x3007;

    public static bool HasCjk(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var cp = char.IsSurrogatePair(text, i) ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];
            if (IsCjk(cp))
            {
                return true;
            }
        }

        return false;
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        while (position < length)
        {
            // Skip separators.
            while (position < length && !IsWordAt(position, out _))
            {
                position += Width(position);
            }

            if (position >= length)
            {
                break;
            }

            var start = position;
            IsWordAt(position, out var cjk);
            while (position < length && IsWordAt(position, out var c) && c == cjk)
            {
                position += Width(position);
            }

            var tokenLength = position - start;
            if (tokenLength > MaxTokenLength)
            {
                continue;
            }

            var chars = term.ResizeBuffer(tokenLength);
            for (var i = 0; i < tokenLength; i++)
            {
                chars[i] = char.ToLowerInvariant(buffer[start + i]);
            }

            term.Length = tokenLength;
            offset.SetOffset(CorrectOffset(start), CorrectOffset(position));
            return true;
        }

        return false;
    }

    private int Width(int at) => at + 1 < length && char.IsHighSurrogate(buffer[at]) && char.IsLowSurrogate(buffer[at + 1]) ? 2 : 1;

    private bool IsWordAt(int at, out bool cjk)
    {
        var ch = buffer[at];
        if (ch < 128)
        {
            cjk = false;
            return char.IsAsciiLetterOrDigit(ch);
        }

        var cp = Width(at) == 2 ? char.ConvertToUtf32(buffer[at], buffer[at + 1]) : buffer[at];
        if (char.IsSurrogate(buffer[at]) && Width(at) == 1)
        {
            cjk = false;
            return false;
        }

        cjk = IsCjk(cp);
        return IsWordChar(cp);
    }

    public override void Reset()
    {
        base.Reset();
        length = 0;
        position = 0;
        int read;
        while ((read = m_input.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        finalOffset = CorrectOffset(length);
    }

    public override void End()
    {
        base.End();
        offset.SetOffset(finalOffset, finalOffset);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && buffer.Length > 65536)
        {
            buffer = new char[4096];
        }
    }
}
