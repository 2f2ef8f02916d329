namespace SesecPortal.Application.Domain;

/// <summary>A standard, a draft for comments or a plan number still being drafted.</summary>
public sealed class Standard : IReferenceItem
{
    public int Id { get; set; }
    /// <summary>The identifier in the open-data interchange format (<c>s000123</c>): imports update by it, never duplicate.</summary>
    public string? ExternalId { get; set; }
    /// <summary>When the record last changed (an editor's save or an import that changed it): watchlists compare it with a visit.</summary>
    public DateTimeOffset? ChangedAt { get; set; }
    public required string Slug { get; set; }
    /// <summary>The code as written (<c>T/CESA 1026—2018</c>); null for a draft that has no number yet.</summary>
    public string? Code { get; set; }
    /// <summary>The canonical spelling (<c>T/CESA 1026-2018</c>).</summary>
    public string? NormalizedCode { get; set; }
    /// <summary>Letters and digits only (<c>TCESA10262018</c>): matches a code however it is typed.</summary>
    public string? CodeKey { get; set; }
    public StandardLevel? Level { get; set; }
    /// <summary>The year in the code (GB/T 50378-<b>2019</b>, plan 2019...), set with the code.</summary>
    public int? CodeYear { get; set; }
    /// <summary>The standard's year for browsing: the code's year, else the year it was published or drafted (generated column).</summary>
    public int? Year { get; private set; }
    public required string TitleEn { get; set; }
    public string? TitleZh { get; set; }
    public StandardStatus Status { get; set; }
    public DateOnly? DraftedOn { get; set; }
    public DateOnly? CommentDeadline { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public DateOnly? EffectiveOn { get; set; }
    public DateOnly? WithdrawnOn { get; set; }
    public int? CommitteeId { get; set; }
    public WorkingGroup? Committee { get; set; }
    public int? IssuerId { get; set; }
    public Organisation? Issuer { get; set; }
    /// <summary>The standard that replaced this one.</summary>
    public int? ReplacedById { get; set; }
    public Standard? ReplacedBy { get; set; }
    /// <summary>The standards this one replaced.</summary>
    public List<Standard> Replaces { get; set; } = [];
    /// <summary>The international or foreign standards this one adopts (<c>ISO 9001:2015</c>, identical), in order.</summary>
    public List<StandardAdoption> Adoptions { get; set; } = [];
    /// <summary>The standard's record on the national standards information platform (std.samr.gov.cn...): an http(s) address.</summary>
    public string? RecordUrl { get; set; }
    /// <summary>Where its full text can be read online: an http(s) address.</summary>
    public string? FullTextUrl { get; set; }
    /// <summary>Where its text can be bought: an http(s) address.</summary>
    public string? PurchaseUrl { get; set; }
    /// <summary>The organisations that drafted it (起草单位), as the record names them, in order.</summary>
    public List<string> DraftingOrganisations { get; set; } = [];
    /// <summary>The people who drafted it (起草人), as the public record names them, in order.</summary>
    public List<string> Drafters { get; set; } = [];
    /// <summary>The competent department (主管部门), as the record names it.</summary>
    public string? CompetentDepartment { get; set; }
    /// <summary>The plan number this standard was drafted under (<c>20190805-T-469</c>), and its compact key.</summary>
    public string? PlanCode { get; set; }
    public string? PlanCodeKey { get; set; }
    /// <summary>When the plan is due to be completed (the plan's 完成年限): past it without publication, the plan is overdue.</summary>
    public DateOnly? PlanDeadline { get; set; }
    public string? Summary { get; set; }
    /// <summary>An editor's note on what changed from the previous edition (the standards this one replaced): shown on both editions' pages.</summary>
    public string? EditionNote { get; set; }
    public List<Sector> Sectors { get; set; } = [];
    /// <summary>Its ICS groups (International Classification for Standards, 7th edition), most specific as given.</summary>
    public List<IcsGroup> Ics { get; set; } = [];
    /// <summary>Its CCS code (Chinese Classification for Standards): class letter and two digits (<c>L80</c>).</summary>
    public string? CcsCode { get; set; }
    /// <summary>Events its dates do not say (amendments...).</summary>
    public List<StandardEvent> Events { get; set; } = [];
    public uint Version { get; set; }

    /// <summary>Sets the plan number this standard was drafted under.</summary>
    public void SetPlanCode(string? planCode)
    {
        PlanCode = string.IsNullOrWhiteSpace(planCode) ? null : planCode.Trim();
        PlanCodeKey = PlanCode is null ? null : StandardCode.Parse(PlanCode).Key;
    }

    /// <summary>Sets the code and everything derived from it.</summary>
    public void SetCode(string? code)
    {
        Code = string.IsNullOrWhiteSpace(code) ? null : code.Trim();
        if (Code is null)
        {
            NormalizedCode = null;
            CodeKey = null;
            Level = null;
            CodeYear = null;
            return;
        }

        var parsed = StandardCode.Parse(Code);
        NormalizedCode = parsed.Canonical;
        CodeKey = parsed.Key;
        Level = parsed.Level;
        CodeYear = parsed.Year;
    }

    public string DisplayTitle => Code is null ? TitleEn : $"{Code} {TitleEn}";
}
