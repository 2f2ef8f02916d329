using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Standards;

public static partial class EditStandard
{
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
            ApplyAdoptionsAndEvents(s, c);
        }

        /// <summary>The form's adoptions and events, each list replaced only when it changed.</summary>
        private static void ApplyAdoptionsAndEvents(Standard s, Command c)
        {
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
