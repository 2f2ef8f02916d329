using System.Globalization;
using System.Text;

namespace SesecPortal.Application.Domain;

public static class Slug
{
    /// <summary>Lower-case ASCII words joined by hyphens: "T/CESA 1026—2018" becomes "t-cesa-1026-2018".</summary>
    public static string From(string text, int maxLength = 90)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingHyphen = false;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark || ch is '\'' or '’')
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(ch))
            {
                if (pendingHyphen && sb.Length > 0)
                {
                    sb.Append('-');
                }

                sb.Append(char.ToLowerInvariant(ch));
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        var slug = sb.ToString();
        if (slug.Length > maxLength)
        {
            slug = slug[..maxLength];
            var cut = slug.LastIndexOf('-');
            slug = cut > maxLength / 2 ? slug[..cut] : slug;
        }

        return slug.Trim('-');
    }

    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= 120 && slug.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && !slug.StartsWith('-') && !slug.EndsWith('-') && !slug.Contains("--", StringComparison.Ordinal);
}
