using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Data.Configurations;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.Application.Features.Organisations;

/// <summary>An editor adds an organisation (authority, standards body, company...) or changes one.</summary>
public static class EditOrganisation
{
    public sealed record Query(int Id) : IQuery<Command?>;

    /// <summary>Saves an organisation: a new one when <see cref="Id"/> is null.</summary>
    public sealed record Command : ICommand<int>
    {
        public int? Id { get; set; }
        public uint Version { get; set; }
        public string Name { get; set; } = "";
        public string? Slug { get; set; }
        public string? Abbreviation { get; set; }
        public OrganisationKind Kind { get; set; }
        public string? Description { get; set; }
        public string? Website { get; set; }
        public int? ParentId { get; set; }
        public List<int> SectorIds { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(PortalDbContext db)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the organisation's name.")
                .MaximumLength(Limits.Name).WithMessage($"A name is at most {Limits.Name} characters.");
            RuleFor(c => c.Slug).Must(ReferenceData.IsSlugOrEmpty).WithMessage(ReferenceData.SlugMessage)
                .MaximumLength(Limits.Slug).WithMessage($"A slug is at most {Limits.Slug} characters.")
                .MustAsync(async (c, slug, ct) => string.IsNullOrWhiteSpace(slug) || !await db.Organisations.AnyAsync(o => o.Slug == slug.Trim() && o.Id != c.Id, ct))
                .WithMessage("Another organisation already uses this slug.");
            RuleFor(c => c.Abbreviation).MaximumLength(Limits.Code).WithMessage($"An abbreviation is at most {Limits.Code} characters.");
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose what kind of organisation this is.");
            RuleFor(c => c.Description).MaximumLength(Limits.Summary).WithMessage($"A description is at most {Limits.Summary} characters.");
            RuleFor(c => c.Website).MaximumLength(Limits.Url).WithMessage($"A web address is at most {Limits.Url} characters.")
                .Must(ReferenceData.IsWebAddress).WithMessage(ReferenceData.WebAddressMessage);
            RuleFor(c => c.ParentId).Must((c, p) => p is null || p != c.Id).WithMessage("An organisation cannot be its own parent.")
                .MustAsync(async (p, ct) => p is null || await db.Organisations.AnyAsync(o => o.Id == p, ct)).WithMessage("Choose a parent organisation from the list.");
            RuleFor(c => c.SectorIds).MustAsync(async (ids, ct) => await db.Sectors.CountAsync(s => ids.Contains(s.Id), ct) == ids.Distinct().Count())
                .WithMessage("Choose sectors from the list.");
        }
    }

    public static string Snapshot(Organisation o) => new Snapshot()
        .Add("Name", o.Name).Add("Slug", o.Slug).Add("Abbreviation", o.Abbreviation).Add("Kind", Labels.Of(o.Kind))
        .Add("Website", o.Website).Add("Parent", o.Parent?.Name)
        .AddList("Sectors", o.Sectors.OrderBy(s => s.Position).Select(s => s.Name))
        .Add("Description", o.Description).ToString();

    public sealed class QueryHandler(PortalDbContext db) : IQueryHandler<Query, Command?>
    {
        public async ValueTask<Command?> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Organisations.AsNoTracking().Where(o => o.Id == query.Id)
                .Select(o => new Command
                {
                    Id = o.Id, Version = o.Version, Name = o.Name, Slug = o.Slug, Abbreviation = o.Abbreviation, Kind = o.Kind,
                    Description = o.Description, Website = o.Website, ParentId = o.ParentId, SectorIds = o.Sectors.Select(s => s.Id).ToList(),
                })
                .SingleOrDefaultAsync(cancellationToken);
    }

    public sealed class Handler(PortalDbContext db, ReferenceSave save, FacetSlugs facets) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var slug = await ReferenceData.SlugAsync(command.Slug, command.Name, db.Organisations.Where(o => o.Id != command.Id).Select(o => o.Slug), ct);
            var sectors = await db.Sectors.Where(s => command.SectorIds.Contains(s.Id)).ToListAsync(ct);
            var parent = command.ParentId is { } p ? await db.Organisations.SingleOrDefaultAsync(o => o.Id == p, ct) : null;
            return await save.SaveAsync(command.Id, command.Version, new ReferenceEdit<Organisation>
            {
                Kind = ItemKind.Organisation,
                Noun = "The organisation",
                Create = () => new Organisation { Name = "", Slug = slug },
                Load = organisations => organisations.Include(o => o.Sectors).Include(o => o.Parent),
                Apply = organisation => Apply(organisation, command, slug, parent, sectors),
                Snapshot = Snapshot,
                Name = organisation => organisation.Name,
                VersionedProperty = nameof(Organisation.Name),
                // A new slug is a new address: saved searches follow it, in the same transaction.
                SlugMoved = (from, to, token) => facets.ReplaceAsync(FacetSlugs.Facet.Authority, from, to, token),
            }, ct);
        }

        private static void Apply(Organisation o, Command command, string slug, Organisation? parent, List<Sector> sectors)
        {
            o.Name = command.Name.Trim();
            o.Slug = slug;
            o.Abbreviation = ReferenceData.Trimmed(command.Abbreviation);
            o.Kind = command.Kind;
            o.Description = ReferenceData.Trimmed(command.Description);
            o.Website = ReferenceData.Trimmed(command.Website);
            o.Parent = parent;
            o.ParentId = parent?.Id;
            o.Sectors.Clear();
            o.Sectors.AddRange(sectors);
        }
    }
}
