namespace SesecPortal.Application.Domain;

/// <summary>
/// An international or foreign standard a Chinese standard adopts (<c>ISO 9001:2015</c>, identical): a standard may adopt
/// several, in the order the national platform lists them.
/// </summary>
public sealed class StandardAdoption
{
    public int Id { get; set; }
    public int StandardId { get; set; }
    /// <summary>Where it comes in the standard's list of adoptions (0 first).</summary>
    public int Position { get; set; }
    /// <summary>The adopted standard's code as written (<c>ISO/IEC Guide 2:2004</c>).</summary>
    public required string Code { get; set; }
    /// <summary>Letters and digits only (<c>ISO90012015</c>): a search for the code, however typed, finds the adopting standard.</summary>
    public required string CodeKey { get; set; }
    /// <summary>The degree of adoption; null only for an adoption recorded before degrees were required.</summary>
    public AdoptionDegree? Degree { get; set; }

    public static StandardAdoption Of(int position, string code, AdoptionDegree? degree)
    {
        var trimmed = code.Trim();
        return new StandardAdoption { Position = position, Code = trimmed, CodeKey = KeyOf(trimmed), Degree = degree };
    }

    /// <summary>The compact key of an adopted code: its parsed key when it parses, else its letters and digits.</summary>
    public static string KeyOf(string code) => StandardCode.TryParse(code, out var parsed) ? parsed.Key : StandardCode.KeyOf(code);
}
