namespace SesecPortal.Application.Domain;

/// <summary>
/// A dated event in a standard's life that its dates do not already say: an amendment, a correction,
/// a re-confirmation. The timeline merges these with the events its dates imply.
/// </summary>
public sealed class StandardEvent
{
    public int Id { get; set; }
    public int StandardId { get; set; }
    public StandardEventKind Kind { get; set; }
    public DateOnly On { get; set; }
    public string? Note { get; set; }
    /// <summary>An amendment's own number (修改单号, <c>XG1-2021</c>); only amendments have one.</summary>
    public string? Number { get; set; }
    /// <summary>A periodic review's (复审) conclusion; only reviews have one, and every review has one.</summary>
    public ReviewConclusion? Conclusion { get; set; }
}

/// <summary>What a periodic review (复审) of a standard concluded.</summary>
public enum ReviewConclusion
{
    Confirmed,
    Revise,
    Withdraw,
}

public enum StandardEventKind
{
    RegisteredAsPlan,
    DraftForComments,
    CommentsClose,
    Published,
    InForce,
    Amended,
    Superseded,
    Withdrawn,
    /// <summary>A periodic review (复审), with its <see cref="StandardEvent.Conclusion"/>.</summary>
    Reviewed,

    // The stages of a national plan (计划) that the standard's own dates do not say (see NationalPlan.Stages).

    /// <summary>The plan was approved (立项, the plan number issued).</summary>
    PlanApproved,
    /// <summary>Drafting began (起草).</summary>
    Drafting,
    /// <summary>The technical committee reviewed the draft (技术审查).</summary>
    TechnicalReview,
    /// <summary>The draft was submitted for approval (报批).</summary>
    SubmittedForApproval,
}
