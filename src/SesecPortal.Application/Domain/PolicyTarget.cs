namespace SesecPortal.Application.Domain;

/// <summary>
/// A quantitative target as data: "non-fossil share of energy consumption at least 20 % by 2025", set by a policy
/// (or required by a standard).
/// </summary>
public sealed class PolicyTarget
{
    public int Id { get; set; }
    public int? PolicyId { get; set; }
    public Policy? Policy { get; set; }
    public int? StandardId { get; set; }
    public Standard? Standard { get; set; }
    public required string Metric { get; set; }
    public decimal Value { get; set; }
    public string Unit { get; set; } = "";
    public TargetComparison Comparison { get; set; }
    public int? TargetYear { get; set; }
    /// <summary>The text's baseline or reference ("7.8% in 2020", "compared with 2005").</summary>
    public string? Baseline { get; set; }
    /// <summary>The words of the source that state the target.</summary>
    public string? Quote { get; set; }
    public int Position { get; set; }
    public List<Sector> Sectors { get; set; } = [];
}

public enum TargetComparison
{
    AtLeast,
    AtMost,
    About,
    Exactly,
}
