namespace SesecPortal.Application.Seed;

// The shape of the seed YAML (docs/seed-format.md). Dates stay strings here and are parsed with clear errors.
#pragma warning disable CA1819 // Deserialisation targets: arrays are the YAML lists.

public sealed class SeedDocument
{
    public List<SeedSector> Sectors { get; set; } = [];
    public List<SeedOrganisation> Organisations { get; set; } = [];
    public List<SeedWorkingGroup> WorkingGroups { get; set; } = [];
    public List<SeedStandard> Standards { get; set; } = [];
    public List<SeedPolicy> Policies { get; set; } = [];
    public List<SeedArticle> Articles { get; set; } = [];
    public List<SeedIssue> Issues { get; set; } = [];
    public List<SeedTarget> Targets { get; set; } = [];
    public List<SeedRelation> Relations { get; set; } = [];
}

/// <summary>A typed link between two items, each named by kind and slug (standards by code or slug).</summary>
public sealed class SeedRelation
{
    public SeedItemReference Subject { get; set; } = new();
    public string Type { get; set; } = "";
    /// <summary>The relation's object, written <c>object:</c> in the YAML.</summary>
    [YamlDotNet.Serialization.YamlMember(Alias = "object")]
    public SeedItemReference Target { get; set; } = new();
    public string? Note { get; set; }
}

/// <summary>One item of the graph: exactly one of these is given.</summary>
public sealed class SeedItemReference
{
    public string? Policy { get; set; }
    public string? Standard { get; set; }
    public string? WorkingGroup { get; set; }
    public string? Organisation { get; set; }

    public override string ToString() =>
        Policy is not null ? $"policy '{Policy}'"
        : Standard is not null ? $"standard '{Standard}'"
        : WorkingGroup is not null ? $"working group '{WorkingGroup}'"
        : Organisation is not null ? $"organisation '{Organisation}'"
        : "nothing";
}

public sealed class SeedTarget
{
    public string? Policy { get; set; }
    public string? Standard { get; set; }
    public string Metric { get; set; } = "";
    public decimal Value { get; set; }
    public string Unit { get; set; } = "";
    public string Comparison { get; set; } = "";
    public int? TargetYear { get; set; }
    public string? Baseline { get; set; }
    public List<string> Sectors { get; set; } = [];
    public string? Quote { get; set; }
}

public sealed class SeedSector
{
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public List<string> Hashtags { get; set; } = [];
}

public sealed class SeedOrganisation
{
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Abbreviation { get; set; }
    public string Kind { get; set; } = "";
    public string? Description { get; set; }
    public string? Website { get; set; }
    public string? Parent { get; set; }
    public List<string> Sectors { get; set; } = [];
}

public sealed class SeedWorkingGroup
{
    public string Slug { get; set; } = "";
    public string? Code { get; set; }
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? Parent { get; set; }
    public string? EstablishedOn { get; set; }
    public string? Focus { get; set; }
    public List<string> Sectors { get; set; } = [];
    public List<SeedMember> Members { get; set; } = [];
    public List<SeedContact> Contacts { get; set; } = [];
    public List<SeedWorkItem> Achievements { get; set; } = [];
    public List<SeedWorkItem> OngoingWork { get; set; } = [];
}

public sealed class SeedMember
{
    public string Role { get; set; } = "";
    public string? Person { get; set; }
    public string? Organisation { get; set; }
}

public sealed class SeedContact
{
    public string Name { get; set; } = "";
    public List<string> Phones { get; set; } = [];
    public bool Secretariat { get; set; }
}

public sealed class SeedWorkItem
{
    public string Category { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Standard { get; set; }
    public string? Note { get; set; }
}

public sealed class SeedStandard
{
    public string? Code { get; set; }
    public string? Slug { get; set; }
    public string TitleEn { get; set; } = "";
    public string? TitleZh { get; set; }
    public string Status { get; set; } = "";
    public string? PublishedOn { get; set; }
    public string? EffectiveOn { get; set; }
    public string? WithdrawnOn { get; set; }
    public string? CommentDeadline { get; set; }
    public string? DraftedOn { get; set; }
    public string? Committee { get; set; }
    public string? Issuer { get; set; }
    public List<string> Sectors { get; set; } = [];
    public List<string> Replaces { get; set; } = [];
    /// <summary>The international or foreign standards it adopts, in order.</summary>
    public List<SeedAdoption> Adopts { get; set; } = [];
    /// <summary>Its record on the national platform, its full text, its purchase page: http(s) addresses the text gives.</summary>
    public string? RecordUrl { get; set; }
    public string? FullTextUrl { get; set; }
    public string? PurchaseUrl { get; set; }
    public List<string> DraftingOrganisations { get; set; } = [];
    public List<string> Drafters { get; set; } = [];
    public string? CompetentDepartment { get; set; }
    public string? Summary { get; set; }
}

public sealed class SeedAdoption
{
    public string Code { get; set; } = "";
    public string Degree { get; set; } = "";
}

public sealed class SeedPolicy
{
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Kind { get; set; } = "";
    public List<string> Authorities { get; set; } = [];
    public string? CoIssuers { get; set; }
    public string? IssuedOn { get; set; }
    public string Status { get; set; } = "";
    public string? CommentDeadline { get; set; }
    public string? DocumentNumber { get; set; }
    public string? SourceUrl { get; set; }
    public string? Summary { get; set; }
    public List<string> Sectors { get; set; } = [];
}

public sealed class SeedArticle
{
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string? EventDate { get; set; }
    public List<string> Sectors { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public List<SeedLink> SourceLinks { get; set; } = [];
    public SeedMentions Mentions { get; set; } = new();
    public string Body { get; set; } = "";
}

public sealed class SeedLink
{
    public string Url { get; set; } = "";
    public string? Title { get; set; }
}

public sealed class SeedMentions
{
    public List<string> Policies { get; set; } = [];
    public List<string> Standards { get; set; } = [];
    public List<string> WorkingGroups { get; set; } = [];
    public List<string> Organisations { get; set; } = [];
}

public sealed class SeedIssue
{
    public string Slug { get; set; } = "";
    public string Series { get; set; } = "";
    public string Title { get; set; } = "";
    public int Number { get; set; }
    public string PeriodStart { get; set; } = "";
    public string PeriodEnd { get; set; } = "";
    public string? PublishedOn { get; set; }
    public string? About { get; set; }
    public List<SeedTakeaway> Takeaways { get; set; } = [];
    public List<SeedSection> Sections { get; set; } = [];
}

public sealed class SeedTakeaway
{
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string? Article { get; set; }
}

public sealed class SeedSection
{
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Note { get; set; }
    public List<string> Articles { get; set; } = [];
}
