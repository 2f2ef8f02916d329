using System.Globalization;

namespace SesecPortal.Application.Changes;

/// <summary>
/// How far a follower has read the change log: every entry up to (<see cref="TransactionId"/>, <see cref="Id"/>) in
/// (transaction, id) order, and every transaction older than <see cref="TransactionId"/>. Written as
/// <c>transaction:id</c> where a follower stores it as text (the search index's commit data).
/// </summary>
public readonly record struct ChangePosition(long TransactionId, long Id) : IComparable<ChangePosition>
{
    public static readonly ChangePosition Start = new(0, 0);

    /// <summary>Whether every change of the transaction <paramref name="transactionId"/> is behind this position.</summary>
    public bool IsPast(long transactionId) => TransactionId > transactionId;

    public int CompareTo(ChangePosition other) =>
        TransactionId != other.TransactionId ? TransactionId.CompareTo(other.TransactionId) : Id.CompareTo(other.Id);

    public static bool operator <(ChangePosition left, ChangePosition right) => left.CompareTo(right) < 0;

    public static bool operator >(ChangePosition left, ChangePosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(ChangePosition left, ChangePosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ChangePosition left, ChangePosition right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{TransactionId}:{Id}");

    public static bool TryParse(string? text, out ChangePosition position)
    {
        position = Start;
        var parts = (text ?? "").Split(':');
        if (parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var transaction)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            position = new ChangePosition(transaction, id);
            return true;
        }

        return false;
    }
}
