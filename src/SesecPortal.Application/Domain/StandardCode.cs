using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SesecPortal.Application.Domain;

public enum StandardLevel
{
    /// <summary>GB: mandatory national standard.</summary>
    MandatoryNational,
    /// <summary>GB/T: recommended national standard.</summary>
    RecommendedNational,
    /// <summary>GB/Z: national guidance technical document.</summary>
    GuidanceNational,
    /// <summary>A national standard still being drafted, known by its plan number (20190805-T-469).</summary>
    NationalPlan,
    /// <summary>Sector (industry) standard such as YD/T, SJ/T, JB/T.</summary>
    Sector,
    /// <summary>Local standard: DB + province code (DB44/T).</summary>
    Local,
    /// <summary>Association (group) standard: T/CESA, T/CCSA.</summary>
    Association,
    /// <summary>An association standard still being drafted (CESA-2020-2-019).</summary>
    AssociationPlan,
    /// <summary>Enterprise standard: Q/...</summary>
    Enterprise,
    /// <summary>ISO, IEC, ISO/IEC, IEEE, ITU-T and European standards.</summary>
    International,
}

/// <summary>
/// A standard's code, parsed from however it was typed: <c>GB/T50378-2019</c>, <c>gbt 50378 2019</c>,
/// <c>T/CESA 1026—2018</c> (em dash), <c>20190805T469</c>, <c>ISO/IEC TS 4213</c>.
/// <see cref="Canonical"/> is the one spelling the portal shows and stores as the normalised code;
/// <see cref="Key"/> is the compact form (letters and digits only) used to match codes however they are typed.
/// </summary>
public sealed partial record StandardCode(StandardLevel Level, string Prefix, string Number, int? Year, string Canonical)
{
    public const int MaxLength = 64;

    public string Key => KeyOf(Canonical);

    public static StandardCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not a standard code the portal recognises.");

    public static bool TryParse(string? text, [NotNullWhen(true)] out StandardCode? code)
    {
        code = string.IsNullOrWhiteSpace(text) || text.Length > MaxLength ? null : FirstFormThatMatches(Clean(text));
        return code is not null;
    }

    /// <summary>The canonical spelling of a code, or null when it does not parse.</summary>
    public static string? Normalize(string? text) => TryParse(text, out var code) ? code.Canonical : null;

    /// <summary>
    /// Letters and digits only, upper case: the form in which <c>GB/T 50378-2019</c>, <c>gbt 50378 2019</c> and
    /// <c>GB/T50378—2019</c> are the same. Works for text that does not parse as well.
    /// </summary>
    public static string KeyOf(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                sb.Append(char.ToUpperInvariant(ch));
            }
        }

        return sb.ToString();
    }

    public override string ToString() => Canonical;

    /// <summary>
    /// The forms a code can take, tried in this order on the cleaned text; the first that matches wins. The order matters:
    /// the sector form (two or three letters) would also take <c>ISO 9001</c>, so it comes after the international form,
    /// and an association code typed without its slash comes last, after the sector codes it could be mistaken for.
    /// </summary>
    private static StandardCode? FirstFormThatMatches(string s) =>
        NationalPlanNumber(s) ?? AssociationPlanNumber(s) ?? NationalStandard(s) ?? LocalStandard(s) ?? AssociationStandard(s)
        ?? EnterpriseStandard(s) ?? InternationalStandard(s) ?? PracticeGuidelineCode(s) ?? SectorStandard(s)
        ?? AssociationStandardWithoutSlash(s);

    /// <summary>A national standard's plan number: <c>20190805-T-469</c>.</summary>
    private static StandardCode? NationalPlanNumber(string s)
    {
        var m = PlanNumber().Match(s);
        if (!m.Success)
        {
            return null;
        }

        var number = $"{m.Groups["date"].Value}-{m.Groups["kind"].Value}-{m.Groups["tc"].Value}";
        return new StandardCode(StandardLevel.NationalPlan, "", number, int.Parse(m.Groups["date"].Value[..4], CultureInfo.InvariantCulture), number);
    }

    /// <summary>An association standard's plan number: <c>CESA-2020-2-019</c>.</summary>
    private static StandardCode? AssociationPlanNumber(string s)
    {
        var m = AssociationPlan().Match(s);
        if (!m.Success)
        {
            return null;
        }

        var canonical = $"{m.Groups["body"].Value}-{m.Groups["year"].Value}-{m.Groups["batch"].Value}-{m.Groups["seq"].Value}";
        return new StandardCode(StandardLevel.AssociationPlan, m.Groups["body"].Value, canonical, int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture), canonical);
    }

    /// <summary>GB, GB/T or GB/Z.</summary>
    private static StandardCode? NationalStandard(string s)
    {
        var m = National().Match(s);
        if (!m.Success)
        {
            return null;
        }

        var (level, prefix) = m.Groups["suffix"].Value switch
        {
            "T" => (StandardLevel.RecommendedNational, "GB/T"),
            "Z" => (StandardLevel.GuidanceNational, "GB/Z"),
            _ => (StandardLevel.MandatoryNational, "GB"),
        };
        return Chinese(level, prefix, m);
    }

    /// <summary>DB + region code, then / and T, Z or nothing: <c>DB44/T</c>.</summary>
    private static StandardCode? LocalStandard(string s) =>
        Local().Match(s) is { Success: true } m ? Chinese(StandardLevel.Local, $"DB{m.Groups["region"].Value}/{m.Groups["suffix"].Value}", m) : null;

    /// <summary>T/ and the association's name: <c>T/CESA</c>.</summary>
    private static StandardCode? AssociationStandard(string s) =>
        Association().Match(s) is { Success: true } m ? Chinese(StandardLevel.Association, $"T/{m.Groups["body"].Value}", m) : null;

    /// <summary>Q/ and the enterprise's code.</summary>
    private static StandardCode? EnterpriseStandard(string s) =>
        Enterprise().Match(s) is { Success: true } m ? Chinese(StandardLevel.Enterprise, $"Q/{m.Groups["body"].Value}", m) : null;

    /// <summary>ISO, IEC, IEEE, ITU-T or a European body, maybe a document type (TS, TR...), a number and <c>:year</c>.</summary>
    private static StandardCode? InternationalStandard(string s)
    {
        var m = International().Match(s);
        if (!m.Success)
        {
            return null;
        }

        var body = m.Groups["body"].Value.Replace(" ", "", StringComparison.Ordinal);
        var type = m.Groups["type"].Success ? m.Groups["type"].Value : null;
        var number = m.Groups["number"].Value;
        int? year = m.Groups["year"].Success ? int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture) : null;
        var prefix = type is null ? body : $"{body} {type}";
        var canonical = $"{prefix} {number}" + (year is null ? "" : $":{year}");
        return new StandardCode(StandardLevel.International, prefix, number, year, canonical);
    }

    /// <summary>A national technical committee's practice guideline (<c>TC260-PG-20212A</c>): guidance, like a GB/Z document.</summary>
    private static StandardCode? PracticeGuidelineCode(string s)
    {
        var m = PracticeGuideline().Match(s);
        if (!m.Success)
        {
            return null;
        }

        var prefix = $"TC{m.Groups["tc"].Value}-PG";
        var number = m.Groups["year"].Value + m.Groups["seq"].Value;
        return new StandardCode(StandardLevel.GuidanceNational, prefix, number, int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture), $"{prefix}-{number}");
    }

    /// <summary>A sector (industry) standard: two or three letters, then /T, /Z or nothing (<c>YD/T</c>, <c>TSG</c>); never GB or DB.</summary>
    private static StandardCode? SectorStandard(string s)
    {
        var m = SectorCode().Match(s);
        if (!m.Success || m.Groups["body"].Value is ("GB" or "DB"))
        {
            return null;
        }

        var suffix = m.Groups["suffix"].Value;
        var prefix = suffix.Length == 0 ? m.Groups["body"].Value : $"{m.Groups["body"].Value}/{suffix}";
        return Chinese(StandardLevel.Sector, prefix, m);
    }

    /// <summary>
    /// "TCESA1169", "tcesa 1026 2018": an association code typed without its slash. Sector codes of two or three letters
    /// (TB, TSG) were matched before, so a T and three or more letters is T/ and the association's name.
    /// </summary>
    private static StandardCode? AssociationStandardWithoutSlash(string s) =>
        AssociationWithoutSlash().Match(s) is { Success: true } m ? Chinese(StandardLevel.Association, $"T/{m.Groups["body"].Value}", m) : null;

    private static StandardCode Chinese(StandardLevel level, string prefix, Match m)
    {
        var number = m.Groups["number"].Value;
        int? year = m.Groups["year"].Success ? int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture) : null;
        var canonical = $"{prefix} {number}" + (year is null ? "" : $"-{year}");
        return new StandardCode(level, prefix, number, year, canonical);
    }

    /// <summary>Upper case, one kind of dash and slash, single spaces; full-width forms folded (NFKC).</summary>
    private static string Clean(string text)
    {
        var s = text.Normalize(NormalizationForm.FormKC).ToUpperInvariant();
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            sb.Append(ch switch
            {
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE58' => '-',
                '\\' => '/',
                _ when char.IsWhiteSpace(ch) => ' ',
                _ => ch,
            });
        }

        return Spaces().Replace(sb.ToString(), " ").Trim();
    }

    private const string NumberAndYear = @"\s*(?<number>\d+(?:\.\d+)*)(?:\s*[-\s]\s*(?<year>(?:19|20)\d{2}))?";

    [GeneratedRegex(@"^(?<date>(?:19|20)\d{6})\s*-?\s*(?<kind>[TQZ])\s*-?\s*(?<tc>\d{3})$")]
    private static partial Regex PlanNumber();

    [GeneratedRegex(@"^(?<body>[A-Z]{2,10})\s*-\s*(?<year>(?:19|20)\d{2})\s*-\s*(?<batch>\d{1,2})\s*-\s*(?<seq>\d{1,4})$")]
    private static partial Regex AssociationPlan();

    [GeneratedRegex(@"^GB\s*(?:/\s*)?(?<suffix>[TZ])?\s" + "?" + NumberAndYear + "$")]
    private static partial Regex National();

    [GeneratedRegex(@"^DB\s*(?<region>\d{2,6})\s*/\s*(?<suffix>[TZ]?)" + NumberAndYear + "$")]
    private static partial Regex Local();

    [GeneratedRegex(@"^T\s*/\s*(?<body>[A-Z][A-Z0-9]{1,11})" + NumberAndYear + "$")]
    private static partial Regex Association();

    [GeneratedRegex(@"^T(?<body>[A-Z]{3,11})" + NumberAndYear + "$")]
    private static partial Regex AssociationWithoutSlash();

    [GeneratedRegex(@"^Q\s*/\s*(?<body>[A-Z0-9]{1,16})" + NumberAndYear + "$")]
    private static partial Regex Enterprise();

    [GeneratedRegex(@"^(?<body>ISO\s*/\s*IEC\s*/\s*IEEE|ISO\s*/\s*IEC|IEC\s*/\s*IEEE|ISO|IEC|IEEE|ITU-T|EN|CEN|CENELEC|ETSI)\s*(?<type>TR|TS|PAS|DIS|FDIS|CD|WD|AWI|NP|DTR|DTS|GUIDE)?\s*(?<number>P?\d+(?:[.\-]\d+)*)(?:\s*:\s*(?<year>(?:19|20)\d{2}))?$")]
    private static partial Regex International();

    [GeneratedRegex(@"^(?<body>[A-Z]{2,3})\s*(?:/\s*)?(?<suffix>[TZ])?\s" + "?" + NumberAndYear + "$")]
    private static partial Regex SectorCode();

    [GeneratedRegex(@"^TC\s*(?<tc>\d{2,3})\s*-\s*PG\s*-\s*(?<year>(?:19|20)\d{2})(?<seq>\d{1,2}[A-Z])$")]
    private static partial Regex PracticeGuideline();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
