namespace SesecPortal.Application.Domain;

/// <summary>The words readers see for the domain's enumerations.</summary>
public static class Labels
{
    public static string Of(StandardStatus status) => status switch
    {
        StandardStatus.UnderDevelopment => "Under development",
        StandardStatus.DraftForComments => "Draft for comments",
        StandardStatus.Published => "Published",
        StandardStatus.InForce => "In force",
        StandardStatus.Superseded => "Superseded",
        StandardStatus.Withdrawn => "Withdrawn",
        _ => status.ToString(),
    };

    public static string Of(RevisionState state) => state switch
    {
        RevisionState.Draft => "Draft",
        RevisionState.InReview => "In review",
        RevisionState.Approved => "Approved",
        RevisionState.Published => "Published",
        RevisionState.Replaced => "Replaced by a later revision",
        RevisionState.Discarded => "Discarded",
        _ => state.ToString(),
    };

    public static string Of(PolicyStatus status) => status switch
    {
        PolicyStatus.DraftForComments => "Draft for comments",
        PolicyStatus.Final => "Final",
        PolicyStatus.InForce => "In force",
        _ => status.ToString(),
    };

    public static string Of(PolicyKind kind) => kind switch
    {
        PolicyKind.FiveYearPlan => "Five-Year Plan",
        PolicyKind.ActionPlan => "Action plan",
        _ => kind.ToString(),
    };

    public static string Of(StandardLevel level) => level switch
    {
        StandardLevel.MandatoryNational => "Mandatory national standard (GB)",
        StandardLevel.RecommendedNational => "Recommended national standard (GB/T)",
        StandardLevel.GuidanceNational => "National guidance document (GB/Z)",
        StandardLevel.NationalPlan => "National standard in development (plan number)",
        StandardLevel.Sector => "Sector standard",
        StandardLevel.Local => "Local standard",
        StandardLevel.Association => "Association standard",
        StandardLevel.AssociationPlan => "Association standard in development",
        StandardLevel.Enterprise => "Enterprise standard",
        StandardLevel.International => "International standard",
        _ => level.ToString(),
    };

    public static string Of(OrganisationKind kind) => kind switch
    {
        OrganisationKind.GovernmentAuthority => "Government authority",
        OrganisationKind.StandardsBody => "Standards body",
        OrganisationKind.TechnicalCommittee => "Technical committee",
        OrganisationKind.ResearchInstitute => "Research institute",
        OrganisationKind.InternationalBody => "International body",
        _ => kind.ToString(),
    };

    public static string Of(WorkingGroupKind kind) => kind switch
    {
        WorkingGroupKind.TechnicalCommittee => "Technical committee",
        WorkingGroupKind.Subcommittee => "Subcommittee",
        _ => "Working group",
    };

    public static string Of(WorkingGroupRole role) => role == WorkingGroupRole.Leader ? "Group leader" : "Deputy group leader";

    public static string Of(WorkItemCategory category) => category switch
    {
        WorkItemCategory.WhitePaper => "White paper",
        WorkItemCategory.CaseCollection => "Case collection",
        WorkItemCategory.ResearchReport => "Research report",
        WorkItemCategory.TestingAndCertification => "Testing & certification",
        WorkItemCategory.AdHocGroupResearch => "Ad-hoc group research",
        _ => category.ToString(),
    };
}
