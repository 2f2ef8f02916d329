namespace SesecPortal.Application.Domain;

/// <summary>
/// The editorial workflow of a revision: draft → in review → approved → published. Editing a revision in review or
/// approved sends it back to draft (an approval is of the text approved, not of later changes); the author of a
/// revision may not approve it (a second editor does), except an admin.
/// </summary>
public static class ArticleWorkflow
{
    /// <summary>The revision being worked on: not yet live, not abandoned.</summary>
    public static bool IsOpen(RevisionState state) => state is RevisionState.Draft or RevisionState.InReview or RevisionState.Approved;

    public static void Submit(ArticleRevision revision)
    {
        Require(revision.State == RevisionState.Draft, "Only a draft can be submitted for review.");
        revision.State = RevisionState.InReview;
        revision.ReviewComment = null;
    }

    public static void Approve(ArticleRevision revision, string approverId, string approverName, bool isAdmin, DateTimeOffset now, DateTimeOffset? scheduledFor)
    {
        Require(revision.State == RevisionState.InReview, "Only a revision in review can be approved.");
        Require(isAdmin || revision.AuthorId is null || revision.AuthorId != approverId,
            "You wrote this revision: a second editor must approve it.");
        Require(scheduledFor is null || scheduledFor > now, "A scheduled publication must be in the future.");
        revision.State = RevisionState.Approved;
        revision.ApprovedByName = approverName;
        revision.ApprovedAt = now;
        revision.ScheduledFor = scheduledFor;
    }

    public static void SendBack(ArticleRevision revision, string? comment)
    {
        Require(revision.State is RevisionState.InReview or RevisionState.Approved, "Only a revision in review or approved can be sent back.");
        revision.State = RevisionState.Draft;
        revision.ReviewComment = comment;
        revision.ApprovedByName = null;
        revision.ApprovedAt = null;
        revision.ScheduledFor = null;
    }

    public static void RequirePublishable(ArticleRevision revision) =>
        Require(revision.State == RevisionState.Approved, "Only an approved revision can be published.");

    /// <summary>Editing returns a revision to draft: its approval was of the earlier text.</summary>
    public static void Edited(ArticleRevision revision)
    {
        Require(IsOpen(revision.State), "This revision is closed: start a new one.");
        revision.State = RevisionState.Draft;
        revision.ApprovedByName = null;
        revision.ApprovedAt = null;
        revision.ScheduledFor = null;
    }

    public static void Discard(ArticleRevision revision)
    {
        Require(IsOpen(revision.State), "Only an unpublished revision can be discarded.");
        revision.State = RevisionState.Discarded;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new WorkflowException(message);
        }
    }
}

/// <summary>An action the item's workflow state does not allow; the page says why (409).</summary>
public sealed class WorkflowException(string message) : Exception(message);
