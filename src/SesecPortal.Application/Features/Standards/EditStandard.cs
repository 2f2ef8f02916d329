using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Standards;

/// <summary>
/// An editor adds a standard (or a draft, or a plan number) or changes one: code, titles, status, dates, committee,
/// issuer, replacement, adoptions, its official record and text, who drafted it, plan number, sectors, and the events its dates do
/// not say (amendments...).
/// </summary>
public static partial class EditStandard
{
    public sealed record Query(int Id) : IQuery<Command?>;

    /// <summary>Saves a standard: a new one when <see cref="Id"/> is null.</summary>
    public sealed record Command : ICommand<int>
    {
        public int? Id { get; set; }
        public uint Version { get; set; }
        /// <summary>As written (<c>T/CESA 1026—2018</c>); empty for a draft without a number.</summary>
        public string? Code { get; set; }
        public string? Slug { get; set; }
        public string TitleEn { get; set; } = "";
        public string? TitleZh { get; set; }
        public StandardStatus Status { get; set; }
        public DateOnly? DraftedOn { get; set; }
        public DateOnly? CommentDeadline { get; set; }
        public DateOnly? PublishedOn { get; set; }
        public DateOnly? EffectiveOn { get; set; }
        public DateOnly? WithdrawnOn { get; set; }
        public int? CommitteeId { get; set; }
        public int? IssuerId { get; set; }
        /// <summary>The code or slug of the standard that replaced this one.</summary>
        public string? ReplacedBy { get; set; }
        /// <summary>The international or foreign standards it adopts; blank rows are ignored.</summary>
        public List<AdoptionRow> Adoptions { get; set; } = [];
        /// <summary>The standard's record on the national standards information platform.</summary>
        public string? RecordUrl { get; set; }
        /// <summary>Where its full text can be read.</summary>
        public string? FullTextUrl { get; set; }
        /// <summary>Where its text can be bought.</summary>
        public string? PurchaseUrl { get; set; }
        /// <summary>The drafting organisations, one a line.</summary>
        public string? DraftingOrganisations { get; set; }
        /// <summary>The drafters, one a line or separated by commas or 、.</summary>
        public string? Drafters { get; set; }
        public string? CompetentDepartment { get; set; }
        public string? PlanCode { get; set; }
        /// <summary>When the national plan is due to be completed.</summary>
        public DateOnly? PlanDeadline { get; set; }
        public string? Summary { get; set; }
        /// <summary>What changed from the previous edition (the standards this one replaced).</summary>
        public string? EditionNote { get; set; }
        public List<int> SectorIds { get; set; } = [];
        /// <summary>ICS codes as typed, separated by commas or spaces (<c>35.240.30, 35.030</c>).</summary>
        public string? Ics { get; set; }
        /// <summary>The CCS code (<c>L80</c>).</summary>
        public string? Ccs { get; set; }
        /// <summary>Amendments and other events; rows without a date or note are blank and ignored.</summary>
        public List<EventRow> Events { get; set; } = [];
    }

    public sealed class EventRow
    {
        public StandardEventKind Kind { get; set; } = StandardEventKind.Amended;
        public DateOnly? On { get; set; }
        public string? Note { get; set; }
        /// <summary>An amendment's own number (<c>XG1-2021</c>).</summary>
        public string? Number { get; set; }
        /// <summary>A periodic review's conclusion.</summary>
        public ReviewConclusion? Conclusion { get; set; }
        public bool Remove { get; set; }

        public bool IsBlank => On is null && string.IsNullOrWhiteSpace(Note) && string.IsNullOrWhiteSpace(Number) && Conclusion is null;
    }

    public sealed class AdoptionRow
    {
        /// <summary>The adopted standard's code as written (<c>ISO 9001:2015</c>).</summary>
        public string? Code { get; set; }
        public AdoptionDegree? Degree { get; set; }
        public bool Remove { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Code) && Degree is null;
    }

    /// <summary>At most this many adoptions, drafting organisations and drafters.</summary>
    public const int MaxAdoptions = 20, MaxDraftingOrganisations = 50, MaxDrafters = 100;

    /// <summary>The longest drafter's name.</summary>
    public const int DrafterLength = 100;

    /// <summary>Drafting organisations: one a line.</summary>
    public static List<string> OrganisationLines(string? text) =>
        [.. (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>Drafters: one a line, or separated by commas, semicolons or 、 as the national platform lists them.</summary>
    public static List<string> DrafterNames(string? text) =>
        [.. (text ?? "").Split(['\n', ',', '，', '、', ';', '；'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];

    public const string CodeMessage = "This is not a standard code the portal recognises: write it like GB 55015-2021, GB/T 50378-2019, T/CESA 1026-2018 or ISO/IEC 27001:2013.";

    /// <summary>Finds a standard by its code (however it is typed) or its slug.</summary>
    public static IQueryable<Standard> ByCodeOrSlug(IQueryable<Standard> standards, string text)
    {
        var t = text.Trim();
        var key = StandardCode.TryParse(t, out var code) ? code.Key : StandardCode.KeyOf(t);
        return standards.Where(s => s.Slug == t || (key.Length > 0 && s.CodeKey == key));
    }

    public static string Snapshot(Standard s) => new Snapshot()
        .Add("Code", s.Code).Add("Slug", s.Slug).Add("Title", s.TitleEn).Add("Chinese title", s.TitleZh).Add("Status", Labels.Of(s.Status))
        .Add("Drafted on", s.DraftedOn).Add("Comment deadline", s.CommentDeadline).Add("Published on", s.PublishedOn)
        .Add("Effective on", s.EffectiveOn).Add("Withdrawn on", s.WithdrawnOn)
        .Add("Committee", s.Committee?.Name).Add("Issuer", s.Issuer?.Name)
        .Add("Replaced by", s.ReplacedBy is { } r ? r.Code ?? r.Slug : null)
        .Add("Adopts", string.Join("\n", Adoption.DescribeAll(s.Code, s.Adoptions.OrderBy(a => a.Position).Select(a => (a.Code, a.Degree)))))
        .Add("National platform record", s.RecordUrl).Add("Full text", s.FullTextUrl).Add("Purchase", s.PurchaseUrl)
        .Add("Drafting organisations", string.Join("\n", s.DraftingOrganisations)).AddList("Drafters", s.Drafters)
        .Add("Competent department", s.CompetentDepartment).Add("Plan number", s.PlanCode).Add("Plan deadline", s.PlanDeadline)
        .AddList("Sectors", s.Sectors.OrderBy(x => x.Position).Select(x => x.Name))
        .AddList("ICS", s.Ics.Select(x => x.Code).Order(StringComparer.Ordinal)).Add("CCS", s.CcsCode)
        .Add("Events", string.Join("\n", s.Events.OrderBy(e => e.On).ThenBy(e => e.Kind)
            .Select(e => $"{e.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {e.Kind}{(e.Number is null ? "" : " " + e.Number)}"
                + $"{(e.Conclusion is null ? "" : " (" + e.Conclusion + ")")}{(e.Note is null ? "" : ": " + e.Note)}")))
        .Add("Summary", s.Summary).Add("Changes from the previous edition", s.EditionNote).ToString();

    public sealed class QueryHandler(PortalDbContext db) : IQueryHandler<Query, Command?>
    {
        public async ValueTask<Command?> Handle(Query query, CancellationToken cancellationToken)
        {
            var command = await db.Standards.AsNoTracking().Where(s => s.Id == query.Id)
                .Select(s => new Command
                {
                    Id = s.Id, Version = s.Version, Code = s.Code, Slug = s.Slug, TitleEn = s.TitleEn, TitleZh = s.TitleZh, Status = s.Status,
                    DraftedOn = s.DraftedOn, CommentDeadline = s.CommentDeadline, PublishedOn = s.PublishedOn, EffectiveOn = s.EffectiveOn,
                    WithdrawnOn = s.WithdrawnOn, CommitteeId = s.CommitteeId, IssuerId = s.IssuerId,
                    ReplacedBy = s.ReplacedBy == null ? null : s.ReplacedBy.Code ?? s.ReplacedBy.Slug,
                    Adoptions = s.Adoptions.OrderBy(a => a.Position).Select(a => new AdoptionRow { Code = a.Code, Degree = a.Degree }).ToList(),
                    RecordUrl = s.RecordUrl, FullTextUrl = s.FullTextUrl, PurchaseUrl = s.PurchaseUrl,
                    DraftingOrganisations = string.Join("\n", s.DraftingOrganisations), Drafters = string.Join("\n", s.Drafters),
                    CompetentDepartment = s.CompetentDepartment, PlanCode = s.PlanCode, PlanDeadline = s.PlanDeadline, Summary = s.Summary, EditionNote = s.EditionNote,
                    Ccs = s.CcsCode,
                    SectorIds = s.Sectors.Select(x => x.Id).ToList(),
                    Events = s.Events.OrderBy(e => e.On).Select(e => new EventRow { Kind = e.Kind, On = e.On, Note = e.Note, Number = e.Number, Conclusion = e.Conclusion }).ToList(),
                })
                .AsSplitQuery()
                .SingleOrDefaultAsync(cancellationToken);
            if (command is not null)
            {
                var ics = await db.Standards.AsNoTracking().Where(s => s.Id == query.Id).SelectMany(s => s.Ics.Select(g => g.Code)).ToListAsync(cancellationToken);
                command.Ics = string.Join(", ", ics.Order(StringComparer.Ordinal));
            }

            return command;
        }
    }
}
