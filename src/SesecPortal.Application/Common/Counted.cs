using System.Globalization;
using Humanizer;

namespace SesecPortal.Application.Common;

/// <summary>
/// The one rule for a count and its noun across the portal: "1 article", "2 articles", "1 policy", "12,408 policies"
/// (Humanizer's English inflections, thousands separated). Pages and handlers say counts through it, never by hand.
/// </summary>
public static class Counted
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary><paramref name="count"/> and <paramref name="noun"/> (singular), in the singular or plural as the count asks.</summary>
    public static string Of(long count, string noun) => noun.ToQuantity(count, "N0", English);

    /// <summary>The noun alone, singular or plural for <paramref name="count"/>.</summary>
    public static string Noun(long count, string noun) => noun.ToQuantity(count, ShowQuantityAs.None);
}
