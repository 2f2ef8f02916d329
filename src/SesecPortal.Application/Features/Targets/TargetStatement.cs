using System.Globalization;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Targets;

/// <summary>A target as a reader says it: "at least 85 %", "at most 1.5", "about 25 %", "by 2025".</summary>
public static class TargetStatement
{
    public static string Of(TargetComparison comparison, decimal value, string unit)
    {
        var number = value.ToString("0.####", CultureInfo.InvariantCulture);
        var amount = unit.Length == 0 ? number : unit == "%" ? $"{number} %" : $"{number} {unit}";
        return comparison switch
        {
            TargetComparison.AtLeast => $"at least {amount}",
            TargetComparison.AtMost => $"at most {amount}",
            TargetComparison.About => $"about {amount}",
            _ => amount,
        };
    }
}

/// <summary>One target as lists show it.</summary>
public sealed record TargetRow(string Metric, string Statement, int? Year, string? Baseline, string? Quote, Common.Link? Owner, string OwnerKind, IReadOnlyList<Common.Link> Sectors);
