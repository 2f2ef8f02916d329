using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Relations;

namespace SesecPortal.Application.Features.Standards;

public static partial class GetStandard
{
    public sealed record Query(string Slug) : IQuery<Result?>;

    public sealed record Result(
        string Slug, string? Code, string? NormalizedCode, string? Level, string TitleEn, string? TitleZh,
        string Status, string? DraftedOn, string? CommentDeadline, string? PublishedOn, string? EffectiveOn, string? WithdrawnOn,
        string? Adoption, string SummaryHtml,
        Link? Committee, Link? Issuer, Link? ReplacedBy, IReadOnlyList<Link> Replaces, IReadOnlyList<Link> Sectors,
        IReadOnlyList<Link> WorkItems, IReadOnlyList<Link> Articles, IReadOnlyList<Targets.TargetRow> Requirements)
    {
        /// <summary>The standard's life, dated, each entry past or to come.</summary>
        public IReadOnlyList<StandardTimeline.Entry> Timeline { get; init; } = [];

        /// <summary>For a plan-number record: the published standard drafted under this plan number.</summary>
        public Link? Became { get; init; }

        /// <summary>For a published standard: the plan number it was drafted under, linked to the plan's record when there is one.</summary>
        public PlanNumber? DraftedUnder { get; init; }

        /// <summary>Its national plan (its own code for a plan record, else the plan it was drafted under): null when none.</summary>
        public PlanDetails? Plan { get; init; }

        /// <summary>What this standard replaced, and what those replaced, nearest first (Detail: "replaced by ...").</summary>
        public IReadOnlyList<ChainLink> Predecessors { get; init; } = [];

        /// <summary>What replaced this standard, then what replaced that, to the current one.</summary>
        public IReadOnlyList<ChainLink> Successors { get; init; } = [];

        public GetRelations.Result Relations { get; init; } = new([]);

        /// <summary>The international or foreign standards it adopts, each written as the national platform writes it.</summary>
        public IReadOnlyList<AdoptionEntry> Adoptions { get; init; } = [];

        /// <summary>For a standard the portal holds as an international or foreign one: the Chinese standards that adopt it.</summary>
        public IReadOnlyList<AdoptedBy> AdoptedBy { get; init; } = [];

        /// <summary>Its record on the national platform, its full text and where to buy it: each null when not known.</summary>
        public OfficialLinks Official { get; init; } = new(null, null, null);

        public IReadOnlyList<string> DraftingOrganisations { get; init; } = [];
        public IReadOnlyList<string> Drafters { get; init; } = [];
        /// <summary>The competent department (主管部门).</summary>
        public string? CompetentDepartment { get; init; }

        /// <summary>This edition's note on what changed from the one(s) it replaced, as HTML; empty when none.</summary>
        public string EditionNoteHtml { get; init; } = "";

        /// <summary>For a replaced edition: the note of the edition that replaced it, as HTML; empty when none.</summary>
        public string SuccessorNoteHtml { get; init; } = "";

        /// <summary>Its ICS groups: the code (as the slug of <c>/ics/{code}</c>) and ISO's title.</summary>
        public IReadOnlyList<Link> Ics { get; init; } = [];

        /// <summary>Its CCS code (<c>L80</c>) and the name of its class.</summary>
        public string? Ccs { get; init; }

        public string? CcsClass { get; init; }
    }

    /// <param name="Designation">As the platform writes it: <c>GB/T 19001—2016/ISO 9001:2015</c>.</param>
    /// <param name="Degree">IDT, MOD or NEQ; null when not recorded.</param>
    /// <param name="Adopted">The adopted standard's page, when the portal holds it.</param>
    public sealed record AdoptionEntry(string Code, string Designation, string? Degree, string? DegreeLabel, Link? Adopted);

    /// <param name="Degree">IDT, MOD or NEQ; null when not recorded.</param>
    public sealed record AdoptedBy(Link Standard, string Designation, string? Degree);

    public sealed record OfficialLinks(string? RecordUrl, string? FullTextUrl, string? PurchaseUrl)
    {
        public bool Any => RecordUrl is not null || FullTextUrl is not null || PurchaseUrl is not null;
    }

    public sealed record PlanNumber(string Code, Link? Record);

    /// <param name="DepartmentCode">The last three digits of the plan number: the competent department's code.</param>
    /// <param name="Deadline">When the plan is due (formatted); null when not recorded.</param>
    /// <param name="Overdue">The deadline has passed without publication.</param>
    public sealed record PlanDetails(string Number, int Year, string Nature, string DepartmentCode, string? Deadline, bool Overdue,
        IReadOnlyList<NationalPlan.Stage> Stages);

    /// <param name="Generation">-1: replaced directly by this standard, -2: by one of those...; 1: replaced this one, 2: replaced that...</param>
    public sealed record ChainLink(int Generation, Link Standard, string? Date, string? ReplacedBy);
}
