namespace SesecPortal.Application.Changes;

/// <summary>
/// How far a follower that keeps its results in PostgreSQL has read the change log. It is updated in the transaction
/// that applies a batch, under a row lock, so with several instances each batch is applied once and a crash loses
/// nothing. (Followers that keep their results elsewhere store their position with them: the search index in its own
/// commit data.)
/// </summary>
public sealed class ChangeFollowerPosition
{
    public required string Name { get; set; }
    public long TransactionId { get; set; }
    public long EntryId { get; set; }

    public ChangePosition Position => new(TransactionId, EntryId);
}
