using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Data.Configurations;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Standards;

/// <summary>
/// An editor adds a standard (or a draft, or a plan number) or changes one: code, titles, status, dates, committee,
/// issuer, replacement, adoptions, its official record and text, who drafted it, plan number, sectors, and the events its dates do
/// not say (amendments...).
/// </summary>
public static class EditStandard
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

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(PortalDbContext db)
        {
            RuleFor(c => c.Code).Must(code => string.IsNullOrWhiteSpace(code) || StandardCode.TryParse(code, out _)).WithMessage(CodeMessage)
                .MustAsync(async (c, code, ct) =>
                {
                    if (!StandardCode.TryParse(code, out var parsed))
                    {
                        return true;
                    }

                    var key = parsed.Key;
                    return !await db.Standards.AnyAsync(s => s.CodeKey == key && s.Id != c.Id, ct);
                })
                .WithMessage(c => $"Another standard already has the code {StandardCode.Normalize(c.Code)}.");
            RuleFor(c => c.Slug).Must(ReferenceData.IsSlugOrEmpty).WithMessage(ReferenceData.SlugMessage)
                .MaximumLength(Limits.Slug).WithMessage($"A slug is at most {Limits.Slug} characters.")
                .MustAsync(async (c, slug, ct) => string.IsNullOrWhiteSpace(slug) || !await db.Standards.AnyAsync(s => s.Slug == slug.Trim() && s.Id != c.Id, ct))
                .WithMessage("Another standard already uses this slug.");
            RuleFor(c => c.TitleEn).NotEmpty().WithMessage("Enter the standard's English title.")
                .MaximumLength(Limits.Title).WithMessage($"A title is at most {Limits.Title} characters.");
            RuleFor(c => c.TitleZh).MaximumLength(Limits.Title).WithMessage($"A title is at most {Limits.Title} characters.");
            RuleFor(c => c.Status).IsInEnum().WithMessage("Choose the standard's status.");
            RuleFor(c => c.EffectiveOn).Must((c, d) => d is null || c.PublishedOn is null || d >= c.PublishedOn)
                .WithMessage("The date it takes effect cannot be before the date it was published.");
            RuleFor(c => c.CommentDeadline).Must((c, d) => d is null || c.DraftedOn is null || d > c.DraftedOn)
                .WithMessage("The comment deadline must be after the date the draft was released.");
            RuleFor(c => c.WithdrawnOn).Must((c, d) => d is null || c.PublishedOn is null || d >= c.PublishedOn)
                .WithMessage("A standard cannot be withdrawn before it was published.");
            RuleFor(c => c.CommitteeId).MustAsync(async (id, ct) => id is null || await db.WorkingGroups.AnyAsync(w => w.Id == id, ct))
                .WithMessage("Choose a committee from the list.");
            RuleFor(c => c.IssuerId).MustAsync(async (id, ct) => id is null || await db.Organisations.AnyAsync(o => o.Id == id, ct))
                .WithMessage("Choose an issuer from the list.");
            RuleFor(c => c.ReplacedBy).MaximumLength(Limits.Slug)
                .CustomAsync(async (text, context, ct) =>
                {
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        return;
                    }

                    var found = await ByCodeOrSlug(db.Standards, text).Select(s => s.Id).ToListAsync(ct);
                    if (found.Count == 0)
                    {
                        context.AddFailure($"There is no standard with the code or slug “{QueryInput.Shorten(text.Trim())}”.");
                    }
                    else if (found.Contains(context.InstanceToValidate.Id ?? -1))
                    {
                        context.AddFailure("A standard cannot be replaced by itself.");
                    }
                });
            RuleFor(c => c.Adoptions).Must(rows => rows.Count(a => !a.Remove && !a.IsBlank) <= MaxAdoptions)
                .WithMessage($"A standard adopts at most {MaxAdoptions} other standards.")
                .Must(rows => rows.Where(a => !a.Remove && !string.IsNullOrWhiteSpace(a.Code)).GroupBy(a => StandardAdoption.KeyOf(a.Code!)).All(g => g.Count() == 1))
                .WithMessage("Each adopted standard once: two rows give the same code.");
            RuleForEach(c => c.Adoptions).ChildRules(row =>
            {
                row.RuleFor(a => a.Code).NotEmpty().When(a => !a.Remove && a.Degree is not null)
                    .WithMessage("Give the code of the adopted standard (like ISO 9001:2015), or clear its degree.")
                    .MaximumLength(Limits.Code).WithMessage($"A code is at most {Limits.Code} characters.")
                    .Must(code => string.IsNullOrWhiteSpace(code) || StandardCode.KeyOf(code).Length > 0)
                    .WithMessage("An adopted standard's code has letters or digits, like ISO 9001:2015.");
                row.RuleFor(a => a.Degree).NotNull().When(a => !a.Remove && !string.IsNullOrWhiteSpace(a.Code))
                    .WithMessage("Choose the degree of adoption: IDT (identical), MOD (modified) or NEQ (not equivalent).")
                    .IsInEnum().WithMessage(Adoption.DegreeMessage);
            });
            RuleFor(c => c.RecordUrl).MaximumLength(Limits.Url).WithMessage($"An address is at most {Limits.Url} characters.")
                .Must(ReferenceData.IsWebAddress).WithMessage($"The national platform record: {ReferenceData.WebAddressMessage}");
            RuleFor(c => c.FullTextUrl).MaximumLength(Limits.Url).WithMessage($"An address is at most {Limits.Url} characters.")
                .Must(ReferenceData.IsWebAddress).WithMessage($"The full-text reading page: {ReferenceData.WebAddressMessage}");
            RuleFor(c => c.PurchaseUrl).MaximumLength(Limits.Url).WithMessage($"An address is at most {Limits.Url} characters.")
                .Must(ReferenceData.IsWebAddress).WithMessage($"The purchase page: {ReferenceData.WebAddressMessage}");
            RuleFor(c => c.DraftingOrganisations)
                .Must(t => OrganisationLines(t).Count <= MaxDraftingOrganisations).WithMessage($"List at most {MaxDraftingOrganisations} drafting organisations.")
                .Must(t => OrganisationLines(t).All(o => o.Length <= Limits.Name)).WithMessage($"A drafting organisation's name is at most {Limits.Name} characters: one organisation a line.");
            RuleFor(c => c.Drafters)
                .Must(t => DrafterNames(t).Count <= MaxDrafters).WithMessage($"List at most {MaxDrafters} drafters.")
                .Must(t => DrafterNames(t).All(o => o.Length <= DrafterLength)).WithMessage($"A drafter's name is at most {DrafterLength} characters: one name a line, or separated by commas.");
            RuleFor(c => c.CompetentDepartment).MaximumLength(Limits.Name).WithMessage($"A department's name is at most {Limits.Name} characters.");
            RuleFor(c => c.PlanCode)
                .Must(p => string.IsNullOrWhiteSpace(p) || (StandardCode.TryParse(p, out var plan) && plan.Level is StandardLevel.NationalPlan or StandardLevel.AssociationPlan))
                .WithMessage("Enter a plan number like 20190805-T-469 (or CESA-2020-2-019 for an association's plan).");
            RuleFor(c => c.PlanDeadline)
                .Must((c, _) => (NationalPlan.Parse(c.Code) ?? NationalPlan.Parse(c.PlanCode)) is not null)
                .When(c => c.PlanDeadline is not null)
                .WithMessage("A deadline belongs to a national plan: enter its plan number (20190805-T-469) as the code or as the plan number first.")
                .Must((c, d) => (NationalPlan.Parse(c.Code) ?? NationalPlan.Parse(c.PlanCode)) is not { } plan || (d!.Value.Year >= plan.Year && d.Value.Year <= plan.Year + 10))
                .When(c => c.PlanDeadline is not null)
                .WithMessage(c => $"The deadline falls within ten years of the plan's year ({(NationalPlan.Parse(c.Code) ?? NationalPlan.Parse(c.PlanCode))?.Year}).");
            RuleFor(c => c.Summary).MaximumLength(Limits.Summary).WithMessage($"A summary is at most {Limits.Summary} characters.");
            RuleFor(c => c.EditionNote).MaximumLength(Limits.Summary)
                .WithMessage($"The note on what changed from the previous edition is at most {Limits.Summary} characters.");
            RuleFor(c => c.SectorIds).NotEmpty().WithMessage("Choose at least one sector: the sector pages and the finder list standards by sector.")
                .MustAsync(async (ids, ct) => await db.Sectors.CountAsync(s => ids.Contains(s.Id), ct) == ids.Distinct().Count())
                .WithMessage("Choose sectors from the list.");
            RuleFor(c => c.Ics).Custom((text, context) =>
            {
                var codes = Classification.SplitIcs(text);
                var unknown = codes.Where(code => !Classification.IsIcs(code)).ToList();
                if (unknown.Count > 0)
                {
                    context.AddFailure($"{string.Join(", ", unknown.Take(5).Select(u => $"“{QueryInput.Shorten(u)}”"))} {(unknown.Count == 1 ? "is not an ICS code" : "are not ICS codes")}. {Classification.IcsMessage}");
                }
                else if (codes.Count > Classification.MaxIcsCodes)
                {
                    context.AddFailure($"Give at most {Classification.MaxIcsCodes} ICS codes.");
                }
            });
            RuleFor(c => c.Ccs).Must(ccs => string.IsNullOrWhiteSpace(ccs) || Classification.TryParseCcs(ccs, out _)).WithMessage(Classification.CcsMessage);
            RuleFor(c => c.Events).Must(rows => rows.Count <= 100).WithMessage("A standard has at most 100 events.");
            RuleForEach(c => c.Events).ChildRules(row =>
            {
                row.RuleFor(e => e.Kind).IsInEnum().WithMessage("Choose what happened.");
                row.RuleFor(e => e.On).NotNull().When(e => !e.Remove && !e.IsBlank).WithMessage("Give the date of the event.");
                row.RuleFor(e => e.Note).MaximumLength(Limits.Title).WithMessage($"A note is at most {Limits.Title} characters.");
                row.RuleFor(e => e.Number).MaximumLength(Limits.Code).WithMessage($"An amendment number is at most {Limits.Code} characters.")
                    .Must((e, n) => string.IsNullOrWhiteSpace(n) || e.Kind == StandardEventKind.Amended || e.Remove)
                    .WithMessage("Only an amendment has a number of its own: choose Amended, or clear the number.");
                row.RuleFor(e => e.Conclusion).IsInEnum().WithMessage("Choose the review's conclusion: confirmed, revise or withdraw.");
                row.RuleFor(e => e.Conclusion).NotNull().When(e => e.Kind == StandardEventKind.Reviewed && !e.Remove && !e.IsBlank)
                    .WithMessage("Choose the review's conclusion: confirmed, revise or withdraw.");
                row.RuleFor(e => e.Conclusion).Null().When(e => e.Kind != StandardEventKind.Reviewed && !e.Remove)
                    .WithMessage("Only a periodic review has a conclusion: choose Reviewed, or clear the conclusion.");
            });
        }
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

    public sealed class Handler(PortalDbContext db, ReferenceSave save) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var slug = await ReferenceData.SlugAsync(command.Slug, ReferenceData.Trimmed(command.Code) ?? command.TitleEn,
                db.Standards.Where(s => s.Id != command.Id).Select(s => s.Slug), ct);
            var icsCodes = Classification.SplitIcs(command.Ics).ToList();
            var refs = new References(
                await db.Sectors.Where(s => command.SectorIds.Contains(s.Id)).ToListAsync(ct),
                await db.IcsGroups.Where(g => icsCodes.Contains(g.Code)).ToListAsync(ct),
                command.CommitteeId is { } c ? await db.WorkingGroups.SingleOrDefaultAsync(w => w.Id == c, ct) : null,
                command.IssuerId is { } i ? await db.Organisations.SingleOrDefaultAsync(o => o.Id == i, ct) : null,
                string.IsNullOrWhiteSpace(command.ReplacedBy) ? null : await ByCodeOrSlug(db.Standards, command.ReplacedBy).FirstOrDefaultAsync(ct));
            return await save.SaveAsync(command.Id, command.Version, new ReferenceEdit<Standard>
            {
                Kind = ItemKind.Standard,
                Noun = "The standard",
                Create = () => new Standard { TitleEn = "", Slug = slug },
                Load = Load,
                Apply = standard => Apply(standard, command, slug, refs),
                Snapshot = Snapshot,
                Name = standard => standard.DisplayTitle,
                VersionedProperty = nameof(Standard.TitleEn),
                Changed = standard => standard.ChangedAt = save.Now,
            }, ct);
        }

        private sealed record References(List<Sector> Sectors, List<IcsGroup> Ics, WorkingGroup? Committee, Organisation? Issuer, Standard? ReplacedBy);

        private static IQueryable<Standard> Load(IQueryable<Standard> standards) =>
            standards.Include(s => s.Sectors).Include(s => s.Events).Include(s => s.Adoptions).Include(s => s.Ics).Include(s => s.Committee).Include(s => s.Issuer).Include(s => s.ReplacedBy).AsSplitQuery();

        private static void Apply(Standard s, Command c, string slug, References refs)
        {
            s.SetCode(c.Code);
            s.Slug = slug;
            s.TitleEn = c.TitleEn.Trim();
            s.TitleZh = ReferenceData.Trimmed(c.TitleZh);
            s.Status = c.Status;
            s.DraftedOn = c.DraftedOn;
            s.CommentDeadline = c.CommentDeadline;
            s.PublishedOn = c.PublishedOn;
            s.EffectiveOn = c.EffectiveOn;
            s.WithdrawnOn = c.WithdrawnOn;
            s.Committee = refs.Committee;
            s.CommitteeId = refs.Committee?.Id;
            s.Issuer = refs.Issuer;
            s.IssuerId = refs.Issuer?.Id;
            s.ReplacedBy = refs.ReplacedBy;
            s.ReplacedById = refs.ReplacedBy?.Id;
            s.RecordUrl = ReferenceData.Trimmed(c.RecordUrl);
            s.FullTextUrl = ReferenceData.Trimmed(c.FullTextUrl);
            s.PurchaseUrl = ReferenceData.Trimmed(c.PurchaseUrl);
            s.DraftingOrganisations = OrganisationLines(c.DraftingOrganisations);
            s.Drafters = DrafterNames(c.Drafters);
            s.CompetentDepartment = ReferenceData.Trimmed(c.CompetentDepartment);
            s.SetPlanCode(c.PlanCode);
            s.PlanDeadline = c.PlanDeadline;
            s.Summary = ReferenceData.Trimmed(c.Summary);
            s.EditionNote = ReferenceData.Trimmed(c.EditionNote);
            s.Sectors.Clear();
            s.Sectors.AddRange(refs.Sectors);
            if (!s.Ics.Select(g => g.Code).Order(StringComparer.Ordinal).SequenceEqual(refs.Ics.Select(g => g.Code).Order(StringComparer.Ordinal)))
            {
                s.Ics.Clear();
                s.Ics.AddRange(refs.Ics);
            }

            s.CcsCode = Classification.TryParseCcs(c.Ccs, out var ccs) ? ccs : null;

            // Events have no identity an editor sees: replace them with the rows of the form.
            var events = c.Events.Where(e => !e.Remove && !e.IsBlank && e.On is not null)
                .Select(e => new StandardEvent
                {
                    Kind = e.Kind, On = e.On!.Value, Note = ReferenceData.Trimmed(e.Note),
                    Number = e.Kind == StandardEventKind.Amended ? ReferenceData.Trimmed(e.Number) : null,
                    Conclusion = e.Kind == StandardEventKind.Reviewed ? e.Conclusion : null,
                }).ToList();
            // Adoptions in the form's order; rows kept when nothing changed, so a save that changes nothing writes nothing.
            var adoptions = c.Adoptions.Where(a => !a.Remove && !string.IsNullOrWhiteSpace(a.Code))
                .Select((a, i) => StandardAdoption.Of(i, a.Code!, a.Degree)).ToList();
            var sameAdoptions = s.Adoptions.Count == adoptions.Count && s.Adoptions.OrderBy(a => a.Position)
                .Zip(adoptions).All(p => p.First.Code == p.Second.Code && p.First.Degree == p.Second.Degree && p.First.Position == p.Second.Position);
            if (!sameAdoptions)
            {
                s.Adoptions.Clear();
                s.Adoptions.AddRange(adoptions);
            }

            var same = s.Events.Count == events.Count && s.Events.OrderBy(e => e.On).ThenBy(e => e.Kind)
                .Zip(events.OrderBy(e => e.On).ThenBy(e => e.Kind)).All(p => p.First.Kind == p.Second.Kind && p.First.On == p.Second.On && p.First.Note == p.Second.Note
                    && p.First.Number == p.Second.Number && p.First.Conclusion == p.Second.Conclusion);
            if (!same)
            {
                s.Events.Clear();
                s.Events.AddRange(events);
            }
        }
    }
}
