using System.Text.Json.Serialization;

namespace SesecPortal.Application.Domain;

/// <summary>How a version of a policy follows the previous one in its chain (named, not numbered, in the read API).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PolicyVersionKind>))]
public enum PolicyVersionKind
{
    /// <summary>A new draft for comments in place of an earlier one that was never finalised.</summary>
    NewDraft,
    /// <summary>The final text of a draft for comments.</summary>
    FinalText,
    /// <summary>An amendment of the previous version.</summary>
    Amendment,
    /// <summary>Measures that replace the previous version.</summary>
    Replacement,
}

/// <summary>The words readers and the interchange format use for <see cref="PolicyVersionKind"/>.</summary>
public static class PolicyVersionKinds
{
    private static readonly (PolicyVersionKind Kind, string Word, string Label, string Link)[] All =
    [
        (PolicyVersionKind.NewDraft, "new-draft", "New draft for comments", "new draft of"),
        (PolicyVersionKind.FinalText, "final-text", "Final text", "final text of"),
        (PolicyVersionKind.Amendment, "amendment", "Amendment", "amends"),
        (PolicyVersionKind.Replacement, "replacement", "Replacing measures", "replaces"),
    ];

    /// <summary>The words of the interchange format: <c>new-draft</c>, <c>final-text</c>, <c>amendment</c>, <c>replacement</c>.</summary>
    public static IEnumerable<string> Words => All.Select(a => a.Word);

    public static string Word(PolicyVersionKind kind) => All.First(a => a.Kind == kind).Word;

    /// <summary>What this version is, as a reader reads it in a chain ("Final text").</summary>
    public static string Label(PolicyVersionKind kind) => All.First(a => a.Kind == kind).Label;

    /// <summary>How it reads before the previous version's title ("final text of").</summary>
    public static string Link(PolicyVersionKind kind) => All.First(a => a.Kind == kind).Link;

    public static bool TryParse(string? word, out PolicyVersionKind kind)
    {
        foreach (var a in All)
        {
            if (string.Equals(a.Word, word?.Trim(), StringComparison.OrdinalIgnoreCase) || string.Equals(a.Kind.ToString(), word?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = a.Kind;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
