using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Changes;

/// <summary>
/// One item whose public face changed, written in the same transaction as the change (by <see cref="ChangeCapture"/>, or
/// by the bulk importer for the rows it copies). Everything downstream (the search index, the cached pages, alerts)
/// follows this log from a position of its own, so nothing is told by hand and nothing is lost in a crash.
/// </summary>
public sealed class ChangeLogEntry
{
    public long Id { get; set; }

    /// <summary>
    /// The writing transaction's id (<c>pg_current_xact_id()</c>), set by the database. Ids are taken before commit, so a
    /// later id can commit first; readers follow the log by transaction, up to the oldest one still running
    /// (<see cref="ChangeLogReader"/>), which never skips a change.
    /// </summary>
    public long TransactionId { get; set; }

    public DateTimeOffset At { get; set; }
    public ItemKind Kind { get; set; }
    public int ItemId { get; set; }
    public ChangeAction Action { get; set; }
}

public enum ChangeAction
{
    /// <summary>Created, saved, published, unpublished, related: read the item again.</summary>
    Saved,

    /// <summary>The item no longer exists.</summary>
    Deleted,
}
