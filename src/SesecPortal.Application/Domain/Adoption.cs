namespace SesecPortal.Application.Domain;

/// <summary>
/// How a Chinese standard that adopts an international one is designated: <c>GB/T 20000.1—2014/ISO/IEC Guide 2:2004</c>
/// (the national code with an em dash before its year, a slash, the international code), with the degree of adoption.
/// </summary>
public static class Adoption
{
    public static string? Designation(string? code, string? adoptedCode)
    {
        if (code is null || string.IsNullOrWhiteSpace(adoptedCode))
        {
            return null;
        }

        var national = StandardCode.TryParse(code, out var c) && c.Level != StandardLevel.International && c.Year is { } y
            ? $"{c.Prefix} {c.Number}\u2014{y}"
            : code.Trim();
        // The international code as written: its canonical form shouts ("ISO/IEC GUIDE 2").
        var international = adoptedCode.Trim();
        return $"{national}/{international}";
    }

    public static string Label(AdoptionDegree degree) => degree switch
    {
        AdoptionDegree.Identical => "identical (IDT)",
        AdoptionDegree.Modified => "modified (MOD)",
        _ => "not equivalent (NEQ)",
    };

    /// <summary>The abbreviation the national platform uses: IDT, MOD, NEQ.</summary>
    public static string Abbreviation(AdoptionDegree degree) => degree switch
    {
        AdoptionDegree.Identical => "IDT",
        AdoptionDegree.Modified => "MOD",
        _ => "NEQ",
    };

    public const string DegreeMessage = "The degree of adoption is IDT (identical), MOD (modified) or NEQ (not equivalent).";

    /// <summary>Reads a degree as the platform writes it (IDT, MOD, NEQ) or by its name (Identical...), in any case.</summary>
    public static bool TryParseDegree(string? text, out AdoptionDegree degree)
    {
        var t = text?.Trim() ?? "";
        foreach (var d in Enum.GetValues<AdoptionDegree>())
        {
            if (string.Equals(t, Abbreviation(d), StringComparison.OrdinalIgnoreCase) || string.Equals(t, d.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                degree = d;
                return true;
            }
        }

        degree = default;
        return false;
    }

    /// <summary>Each adoption described (<see cref="Describe(string?, string?, AdoptionDegree?)"/>), in order.</summary>
    public static IReadOnlyList<string> DescribeAll(string? code, IEnumerable<(string Code, AdoptionDegree? Degree)> adoptions) =>
        [.. adoptions.Select(a => Describe(code, a.Code, a.Degree)).OfType<string>()];

    /// <summary><c>GB/T 1—2020/ISO 1:2016, identical (IDT)</c>; null when the standard adopts nothing.</summary>
    public static string? Describe(string? code, string? adoptedCode, AdoptionDegree? degree) =>
        Designation(code, adoptedCode) is { } d ? degree is { } g ? $"{d}, {Label(g)}" : d : null;
}
