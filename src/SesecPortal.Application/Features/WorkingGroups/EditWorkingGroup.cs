using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Data.Configurations;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.Application.Features.WorkingGroups;

/// <summary>
/// An editor adds a technical committee, subcommittee or working group, or changes one: where it sits in the tree,
/// its focus, its leaders, its secretariat contacts, and its achievements and ongoing work (linked to standards).
/// </summary>
public static class EditWorkingGroup
{
    public sealed record Query(int Id) : IQuery<Command?>;

    /// <summary>Saves a group: a new one when <see cref="Id"/> is null. Blank rows and rows marked for removal are ignored.</summary>
    public sealed record Command : ICommand<int>
    {
        public int? Id { get; set; }
        public uint Version { get; set; }
        public string Name { get; set; } = "";
        public string? Slug { get; set; }
        public string? Code { get; set; }
        public WorkingGroupKind Kind { get; set; } = WorkingGroupKind.WorkingGroup;
        public int? ParentId { get; set; }
        /// <summary>Markdown.</summary>
        public string? Focus { get; set; }
        public DateOnly? EstablishedOn { get; set; }
        public int Position { get; set; }
        public List<int> SectorIds { get; set; } = [];
        public List<MemberRow> Members { get; set; } = [];
        public List<ContactRow> Contacts { get; set; } = [];
        public List<WorkItemRow> WorkItems { get; set; } = [];
    }

    public sealed class MemberRow
    {
        public WorkingGroupRole Role { get; set; }
        public string? PersonName { get; set; }
        public int? OrganisationId { get; set; }
        public bool Remove { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(PersonName) && OrganisationId is null;
    }

    public sealed class ContactRow
    {
        public string? Name { get; set; }
        /// <summary>Phone numbers separated by commas.</summary>
        public string? Phones { get; set; }
        public bool IsSecretariat { get; set; } = true;
        public bool Remove { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Phones);
    }

    public sealed class WorkItemRow
    {
        public WorkItemStage Stage { get; set; } = WorkItemStage.Ongoing;
        public WorkItemCategory Category { get; set; }
        public string? Title { get; set; }
        /// <summary>The code or slug of the standard this item is about.</summary>
        public string? Standard { get; set; }
        public string? Note { get; set; }
        public bool Remove { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Standard) && string.IsNullOrWhiteSpace(Note);
    }

    public static List<string> Phones(string? text) =>
        [.. (text ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(PortalDbContext db)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the group's name.")
                .MaximumLength(Limits.Name).WithMessage($"A name is at most {Limits.Name} characters.");
            RuleFor(c => c.Slug).Must(ReferenceData.IsSlugOrEmpty).WithMessage(ReferenceData.SlugMessage)
                .MaximumLength(Limits.Slug).WithMessage($"A slug is at most {Limits.Slug} characters.")
                .MustAsync(async (c, slug, ct) => string.IsNullOrWhiteSpace(slug) || !await db.WorkingGroups.AnyAsync(w => w.Slug == slug.Trim() && w.Id != c.Id, ct))
                .WithMessage("Another group already uses this slug.");
            RuleFor(c => c.Code).MaximumLength(Limits.Code).WithMessage($"A code is at most {Limits.Code} characters.");
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose whether this is a committee, subcommittee or working group.");
            RuleFor(c => c.Focus).MaximumLength(Limits.Summary).WithMessage($"The focus is at most {Limits.Summary} characters.");
            RuleFor(c => c.Position).InclusiveBetween(0, 100_000).WithMessage("The position is a number from 0 to 100000.");
            ParentRule(db);
            RuleFor(c => c.SectorIds).MustAsync(async (ids, ct) => await db.Sectors.CountAsync(s => ids.Contains(s.Id), ct) == ids.Distinct().Count())
                .WithMessage("Choose sectors from the list.");
            RuleFor(c => c.Members).Must(r => r.Count <= 100).WithMessage("A group lists at most 100 leaders.");
            RuleFor(c => c.Contacts).Must(r => r.Count <= 100).WithMessage("A group lists at most 100 contacts.");
            RuleFor(c => c.WorkItems).Must(r => r.Count <= 500).WithMessage("A group lists at most 500 work items.");
            RowRules(db);
        }

        /// <summary>The parent is a group the portal knows, and not this group or one of its own subgroups.</summary>
        private void ParentRule(PortalDbContext db)
        {
            RuleFor(c => c.ParentId).CustomAsync(async (parentId, context, ct) =>
            {
                var id = context.InstanceToValidate.Id;
                // Walk up from the chosen parent: meeting this group means it would sit under itself.
                var current = parentId;
                for (var depth = 0; current is not null && depth < 50; depth++)
                {
                    if (current == id)
                    {
                        context.AddFailure("A group cannot sit under itself or under one of its own subgroups.");
                        return;
                    }

                    var next = await db.WorkingGroups.Where(w => w.Id == current).Select(w => new { w.ParentId }).SingleOrDefaultAsync(ct);
                    if (next is null)
                    {
                        context.AddFailure("Choose the parent group from the list.");
                        return;
                    }

                    current = next.ParentId;
                }
            });
        }

        /// <summary>Each leader, contact and work item of the form.</summary>
        private void RowRules(PortalDbContext db)
        {
            RuleForEach(c => c.Members).ChildRules(row =>
            {
                row.RuleFor(m => m.Role).IsInEnum().WithMessage("Choose leader or deputy.");
                row.RuleFor(m => m.PersonName).MaximumLength(Limits.Name).WithMessage($"A name is at most {Limits.Name} characters.");
                row.RuleFor(m => m.OrganisationId).MustAsync(async (o, ct) => o is null || await db.Organisations.AnyAsync(x => x.Id == o, ct))
                    .WithMessage("Choose the organisation from the list.");
            });
            RuleForEach(c => c.Contacts).ChildRules(row =>
            {
                row.RuleFor(r => r.Name).NotEmpty().When(r => !r.Remove && !r.IsBlank).WithMessage("Give the contact's name.")
                    .MaximumLength(Limits.Name).WithMessage($"A name is at most {Limits.Name} characters.");
                row.RuleFor(r => r.Phones).MaximumLength(Limits.Name).WithMessage($"Phone numbers are at most {Limits.Name} characters.");
            });
            RuleForEach(c => c.WorkItems).ChildRules(row =>
            {
                row.RuleFor(r => r.Stage).IsInEnum().WithMessage("Choose achievement or ongoing.");
                row.RuleFor(r => r.Category).IsInEnum().WithMessage("Choose the kind of work.");
                row.RuleFor(r => r.Title).NotEmpty().When(r => !r.Remove && !r.IsBlank).WithMessage("Give the work item's title.")
                    .MaximumLength(Limits.Title).WithMessage($"A title is at most {Limits.Title} characters.");
                row.RuleFor(r => r.Note).MaximumLength(Limits.Title).WithMessage($"A note is at most {Limits.Title} characters.");
                row.RuleFor(r => r.Standard).MaximumLength(Limits.Slug).WithMessage($"A code or slug is at most {Limits.Slug} characters.")
                    .MustAsync(async (r, text, ct) => r.Remove || string.IsNullOrWhiteSpace(text) || text.Length > Limits.Slug
                        || await EditStandard.ByCodeOrSlug(db.Standards, text).AnyAsync(ct))
                    .WithMessage(r => $"There is no standard with the code or slug “{QueryInput.Shorten(r.Standard!.Trim())}”.");
            });
        }
    }

    public static string Snapshot(WorkingGroup w) => new Snapshot()
        .Add("Name", w.Name).Add("Slug", w.Slug).Add("Code", w.Code).Add("Kind", Labels.Of(w.Kind)).Add("Parent", w.Parent?.Name)
        .Add("Established on", w.EstablishedOn).Add("Position", w.Position)
        .AddList("Sectors", w.Sectors.OrderBy(s => s.Position).Select(s => s.Name))
        .Add("Focus", w.Focus)
        .Add("Leaders", string.Join("\n", w.Members.OrderBy(m => m.Position)
            .Select(m => $"{Labels.Of(m.Role)}: {string.Join(", ", new[] { m.PersonName, m.Organisation?.Name }.Where(x => x is not null))}")))
        .Add("Contacts", string.Join("\n", w.Contacts.OrderBy(c => c.Position)
            .Select(c => $"{c.Name} {string.Join(", ", c.Phones)}{(c.IsSecretariat ? " (secretariat)" : "")}".Trim())))
        .Add("Work", string.Join("\n", w.WorkItems.OrderBy(i => i.Position)
            .Select(i => $"{i.Stage} {Labels.Of(i.Category)}: {i.Title}{(i.Standard is { } s ? $" [{s.Code ?? s.Slug}]" : "")}{(i.Note is null ? "" : " — " + i.Note)}")))
        .ToString();

    public sealed class QueryHandler(PortalDbContext db) : IQueryHandler<Query, Command?>
    {
        public async ValueTask<Command?> Handle(Query query, CancellationToken cancellationToken) =>
            await db.WorkingGroups.AsNoTracking().Where(w => w.Id == query.Id)
                .Select(w => new Command
                {
                    Id = w.Id, Version = w.Version, Name = w.Name, Slug = w.Slug, Code = w.Code, Kind = w.Kind, ParentId = w.ParentId,
                    Focus = w.Focus, EstablishedOn = w.EstablishedOn, Position = w.Position,
                    SectorIds = w.Sectors.Select(s => s.Id).ToList(),
                    Members = w.Members.OrderBy(m => m.Position)
                        .Select(m => new MemberRow { Role = m.Role, PersonName = m.PersonName, OrganisationId = m.OrganisationId }).ToList(),
                    Contacts = w.Contacts.OrderBy(c => c.Position)
                        .Select(c => new ContactRow { Name = c.Name, Phones = string.Join(", ", c.Phones), IsSecretariat = c.IsSecretariat }).ToList(),
                    WorkItems = w.WorkItems.OrderBy(i => i.Position)
                        .Select(i => new WorkItemRow
                        {
                            Stage = i.Stage, Category = i.Category, Title = i.Title, Note = i.Note,
                            Standard = i.Standard == null ? null : i.Standard.Code ?? i.Standard.Slug,
                        }).ToList(),
                })
                .AsSplitQuery()
                .SingleOrDefaultAsync(cancellationToken);
    }

    public sealed class Handler(PortalDbContext db, ReferenceSave save) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var slug = await ReferenceData.SlugAsync(command.Slug, command.Name, db.WorkingGroups.Where(w => w.Id != command.Id).Select(w => w.Slug), ct);
            var sectors = await db.Sectors.Where(s => command.SectorIds.Contains(s.Id)).ToListAsync(ct);
            var parent = command.ParentId is { } p ? await db.WorkingGroups.SingleOrDefaultAsync(w => w.Id == p, ct) : null;
            var organisationIds = command.Members.Where(m => m.OrganisationId is not null).Select(m => m.OrganisationId!.Value).Distinct().ToList();
            var organisations = await db.Organisations.Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
            var standards = new Dictionary<string, Standard>();
            foreach (var text in command.WorkItems.Where(i => !i.Remove && !string.IsNullOrWhiteSpace(i.Standard)).Select(i => i.Standard!.Trim()).Distinct())
            {
                standards[text] = await EditStandard.ByCodeOrSlug(db.Standards, text).FirstAsync(ct);
            }

            return await save.SaveAsync(command.Id, command.Version, new ReferenceEdit<WorkingGroup>
            {
                Kind = ItemKind.WorkingGroup,
                Noun = "The group",
                Create = () => new WorkingGroup { Name = "", Slug = slug },
                Load = Load,
                Apply = group => Apply(group, command, slug, parent, sectors, organisations, standards),
                Snapshot = Snapshot,
                Name = group => group.Name,
                VersionedProperty = nameof(WorkingGroup.Name),
            }, ct);
        }

        private static IQueryable<WorkingGroup> Load(IQueryable<WorkingGroup> groups) =>
            groups.Include(w => w.Parent).Include(w => w.Sectors).Include(w => w.Members).ThenInclude(m => m.Organisation)
                .Include(w => w.Contacts).Include(w => w.WorkItems).ThenInclude(i => i.Standard).AsSplitQuery();

        private static void Apply(
            WorkingGroup w, Command c, string slug, WorkingGroup? parent, List<Sector> sectors,
            Dictionary<int, Organisation> organisations, Dictionary<string, Standard> standards)
        {
            w.Name = c.Name.Trim();
            w.Slug = slug;
            w.Code = ReferenceData.Trimmed(c.Code);
            w.Kind = c.Kind;
            w.Parent = parent;
            w.ParentId = parent?.Id;
            w.Focus = ReferenceData.Trimmed(c.Focus);
            w.EstablishedOn = c.EstablishedOn;
            w.Position = c.Position;
            w.Sectors.Clear();
            w.Sectors.AddRange(sectors);

            // The rows are replaced by the form's, in its order.
            w.Members.Clear();
            w.Members.AddRange(c.Members.Where(m => !m.Remove && !m.IsBlank).Select((m, i) => new WorkingGroupMember
            {
                Role = m.Role, PersonName = ReferenceData.Trimmed(m.PersonName), OrganisationId = m.OrganisationId,
                Organisation = m.OrganisationId is { } o ? organisations[o] : null, Position = i,
            }));
            w.Contacts.Clear();
            w.Contacts.AddRange(c.Contacts.Where(r => !r.Remove && !r.IsBlank).Select((r, i) => new WorkingGroupContact
            {
                Name = r.Name!.Trim(), Phones = Phones(r.Phones), IsSecretariat = r.IsSecretariat, Position = i,
            }));
            w.WorkItems.Clear();
            w.WorkItems.AddRange(c.WorkItems.Where(r => !r.Remove && !r.IsBlank).Select((r, i) =>
            {
                var standard = string.IsNullOrWhiteSpace(r.Standard) ? null : standards[r.Standard.Trim()];
                return new WorkItem
                {
                    Stage = r.Stage, Category = r.Category, Title = r.Title!.Trim(), Note = ReferenceData.Trimmed(r.Note),
                    Standard = standard, StandardId = standard?.Id, Position = i,
                };
            }));
        }
    }
}
