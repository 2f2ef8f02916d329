namespace SesecPortal.Application.Common;

/// <summary>
/// Someone saved the item after this editor opened it. Carries the version now stored and the one this editor tried
/// to save (as the history's text), so the conflict page can show both and their differences; the form keeps what
/// the editor typed, with the stored version's token, so saving again overwrites knowingly.
/// </summary>
public sealed class ConcurrencyConflictException(string itemTitle, string storedSnapshot, string attemptedSnapshot, uint storedVersion)
    : Exception($"'{itemTitle}' was changed by someone else since you opened it.")
{
    public string ItemTitle { get; } = itemTitle;
    public string StoredSnapshot { get; } = storedSnapshot;
    public string AttemptedSnapshot { get; } = attemptedSnapshot;
    public uint StoredVersion { get; } = storedVersion;
}
