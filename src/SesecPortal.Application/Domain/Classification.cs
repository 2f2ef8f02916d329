using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace SesecPortal.Application.Domain;

/// <summary>A group of the International Classification for Standards (7th edition): a field (<c>35</c>), a group (<c>35.240</c>) or a sub-group (<c>35.240.30</c>).</summary>
public sealed class IcsGroup
{
    public required string Code { get; set; }
    /// <summary>The group it belongs to (<c>35.240</c> for <c>35.240.30</c>); null for a field.</summary>
    public string? ParentCode { get; set; }
    public required string TitleEn { get; set; }
    /// <summary>ISO's scope notes ("Including ...", "see 35.240.60").</summary>
    public string? Notes { get; set; }
}

/// <summary>A first-level class of the Chinese Classification for Standards (<c>L</c>: electronic components and information technology).</summary>
public sealed class CcsClass
{
    public required string Letter { get; set; }
    public required string TitleEn { get; set; }
    public required string TitleZh { get; set; }
}

/// <summary>
/// The ICS tree and the CCS classes as the reference files in <c>Data/Reference</c> give them (embedded in the assembly;
/// the migration <c>IcsCcsClassification</c> loads the same rows into <c>ics_groups</c> and <c>ccs_classes</c>), and the
/// rules for the codes a standard carries.
/// </summary>
public static class Classification
{
    public const string IcsMessage = "Give ICS codes of the 7th edition, such as 35.240 or 35.240.30, separated by commas or spaces.";
    public const string CcsMessage = "Give a CCS code as its class letter and two digits, such as L80 (classes A–Z without I and O).";

    /// <summary>At most this many ICS codes on one standard.</summary>
    public const int MaxIcsCodes = 10;

    public sealed record IcsEntry(string Code, string? Parent, string Title, string? Notes)
    {
        /// <summary>1 for a field, 2 for a group, 3 for a sub-group.</summary>
        public int Level => Code.Count(c => c == '.') + 1;
    }

    public sealed record CcsEntry(string Letter, string TitleEn, string TitleZh);

    private static readonly Lazy<IReadOnlyList<IcsEntry>> IcsRows = new(() =>
        [.. Read("ics-ed7.tsv").Select(c => new IcsEntry(c[0], Empty(c[1]), c[2], c.Length > 3 ? Empty(c[3]) : null))]);

    private static readonly Lazy<IReadOnlyList<CcsEntry>> CcsRows = new(() => [.. Read("ccs-level1.tsv").Select(c => new CcsEntry(c[0], c[1], c[2]))]);

    private static readonly Lazy<FrozenDictionary<string, IcsEntry>> IcsByCode = new(() => IcsRows.Value.ToFrozenDictionary(e => e.Code, StringComparer.Ordinal));

    private static readonly Lazy<FrozenDictionary<string, CcsEntry>> CcsByLetter = new(() => CcsRows.Value.ToFrozenDictionary(e => e.Letter, StringComparer.Ordinal));

    /// <summary>Every ICS group, fields first within their order in the file (code order).</summary>
    public static IReadOnlyList<IcsEntry> IcsGroups => IcsRows.Value;

    /// <summary>The 24 CCS classes, in letter order.</summary>
    public static IReadOnlyList<CcsEntry> CcsClasses => CcsRows.Value;

    public static IcsEntry? FindIcs(string code) => IcsByCode.Value.GetValueOrDefault(code);

    public static CcsEntry? FindCcsClass(string letter) => CcsByLetter.Value.GetValueOrDefault(letter);

    /// <summary>The code and the groups above it, field first: <c>35.240.30</c> → <c>35</c>, <c>35.240</c>, <c>35.240.30</c>.</summary>
    public static IEnumerable<string> IcsWithAncestors(string code)
    {
        var dot = -1;
        while ((dot = code.IndexOf('.', dot + 1)) >= 0)
        {
            yield return code[..dot];
        }

        yield return code;
    }

    /// <summary>Splits what was typed (commas, semicolons or spaces) into ICS codes, in order, without repeats.</summary>
    public static IReadOnlyList<string> SplitIcs(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : [.. text.Split([',', ';', ' ', '\t', '\n', '\r', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    /// <summary>True when the code is a group of the ICS 7th edition.</summary>
    public static bool IsIcs(string code) => IcsByCode.Value.ContainsKey(code.Trim());

    /// <summary>A CCS code as stored (<c>L80</c>): a known class letter (any case on input) and two digits.</summary>
    public static bool TryParseCcs(string? text, [NotNullWhen(true)] out string? code)
    {
        code = null;
        var t = text?.Trim().ToUpperInvariant();
        if (t is not { Length: 3 } || !char.IsAsciiDigit(t[1]) || !char.IsAsciiDigit(t[2]) || !CcsByLetter.Value.ContainsKey(t[..1]))
        {
            return false;
        }

        code = t;
        return true;
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    private static List<string[]> Read(string file)
    {
        using var stream = typeof(Classification).Assembly.GetManifestResourceStream("SesecPortal.Reference." + file)
            ?? throw new InvalidOperationException($"The reference file {file} is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                rows.Add(line.Split('\t'));
            }
        }

        return rows;
    }
}
