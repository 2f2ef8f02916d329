namespace SesecPortal.Application.Domain;

/// <summary>How precisely a date is known: the newsletter sometimes says only "In October 2021".</summary>
public enum DatePrecision
{
    Day = 0,
    Month = 1,
    Year = 2,
}

public enum OrganisationKind
{
    GovernmentAuthority,
    StandardsBody,
    TechnicalCommittee,
    Association,
    Company,
    University,
    ResearchInstitute,
    InternationalBody,
    Media,
    Project,
}

public enum PolicyKind
{
    Plan,
    FiveYearPlan,
    Opinions,
    ActionPlan,
    Measures,
    Guideline,
    Outline,
    Regulation,
    Law,
    Rules,
}

public enum PolicyStatus
{
    DraftForComments,
    Final,
    InForce,
}

public enum StandardStatus
{
    UnderDevelopment,
    DraftForComments,
    Published,
    InForce,
    Superseded,
    Withdrawn,
}

public enum AdoptionDegree
{
    Identical,
    Modified,
    NotEquivalent,
}

public enum WorkingGroupKind
{
    TechnicalCommittee,
    Subcommittee,
    WorkingGroup,
}

public enum WorkingGroupRole
{
    Leader,
    DeputyLeader,
}

public enum WorkItemStage
{
    Achievement,
    Ongoing,
}

public enum WorkItemCategory
{
    Standard,
    Report,
    WhitePaper,
    CaseCollection,
    Guideline,
    Test,
    ResearchReport,
    TestingAndCertification,
    AdHocGroupResearch,
}

/// <summary>Editorial workflow; only <see cref="Published"/> is visible to readers.</summary>
public enum PublicationStatus
{
    Draft,
    InReview,
    Approved,
    Published,
}
