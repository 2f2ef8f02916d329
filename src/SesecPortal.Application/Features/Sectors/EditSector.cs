using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Data.Configurations;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.Application.Features.Sectors;

/// <summary>An editor adds a sector of the taxonomy or changes one (name, slug, description, hashtags, order).</summary>
public static class EditSector
{
    /// <summary>The form of an existing sector, or null when there is none.</summary>
    public sealed record Query(int Id) : IQuery<Command?>;

    /// <summary>Saves a sector: a new one when <see cref="Id"/> is null.</summary>
    public sealed record Command : ICommand<int>
    {
        public int? Id { get; set; }
        /// <summary>The version the editor loaded (xmin); a different stored one is a conflict.</summary>
        public uint Version { get; set; }
        public string Name { get; set; } = "";
        public string? Slug { get; set; }
        public string? Description { get; set; }
        /// <summary>Hashtags separated by commas or new lines (<c>#Carbon emission</c>).</summary>
        public string? Hashtags { get; set; }
        public int Position { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(PortalDbContext db)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the sector's name.")
                .MaximumLength(Limits.Name).WithMessage($"A name is at most {Limits.Name} characters.");
            RuleFor(c => c.Slug).Must(ReferenceData.IsSlugOrEmpty).WithMessage(ReferenceData.SlugMessage)
                .MaximumLength(Limits.Slug).WithMessage($"A slug is at most {Limits.Slug} characters.")
                .MustAsync(async (c, slug, ct) => string.IsNullOrWhiteSpace(slug) || !await db.Sectors.AnyAsync(s => s.Slug == slug.Trim() && s.Id != c.Id, ct))
                .WithMessage("Another sector already uses this slug.");
            RuleFor(c => c.Description).MaximumLength(Limits.Summary).WithMessage($"A description is at most {Limits.Summary} characters.");
            RuleFor(c => c.Hashtags).Must(h => Split(h).All(t => t.Length <= Limits.Tag))
                .WithMessage($"Each hashtag is at most {Limits.Tag} characters.");
            RuleFor(c => c.Position).InclusiveBetween(0, 100_000).WithMessage("The position is a number from 0 to 100000.");
        }
    }

    public static List<string> Split(string? text) =>
        [.. (text ?? "").Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()];

    public static string Snapshot(Sector s) => new Snapshot()
        .Add("Name", s.Name).Add("Slug", s.Slug).Add("Position", s.Position)
        .AddList("Hashtags", s.Hashtags).Add("Description", s.Description).ToString();

    public sealed class QueryHandler(PortalDbContext db) : IQueryHandler<Query, Command?>
    {
        public async ValueTask<Command?> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Sectors.AsNoTracking().Where(s => s.Id == query.Id)
                .Select(s => new Command
                {
                    Id = s.Id, Version = s.Version, Name = s.Name, Slug = s.Slug, Description = s.Description,
                    Hashtags = string.Join(", ", s.Hashtags), Position = s.Position,
                })
                .SingleOrDefaultAsync(cancellationToken);
    }

    public sealed class Handler(PortalDbContext db, ReferenceSave save, FacetSlugs facets) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var slug = await ReferenceData.SlugAsync(command.Slug, command.Name, db.Sectors.Where(s => s.Id != command.Id).Select(s => s.Slug), ct);
            return await save.SaveAsync(command.Id, command.Version, new ReferenceEdit<Sector>
            {
                Kind = ItemKind.Sector,
                Noun = "The sector",
                Create = () => new Sector { Name = "", Slug = slug },
                Apply = sector => Apply(sector, command, slug),
                Snapshot = Snapshot,
                Name = sector => sector.Name,
                VersionedProperty = nameof(Sector.Name),
                // A new slug is a new address: saved searches follow it, in the same transaction.
                SlugMoved = (from, to, token) => facets.ReplaceAsync(FacetSlugs.Facet.Sector, from, to, token),
            }, ct);
        }

        private static void Apply(Sector sector, Command command, string slug)
        {
            sector.Name = command.Name.Trim();
            sector.Slug = slug;
            sector.Description = ReferenceData.Trimmed(command.Description);
            sector.Hashtags = Split(command.Hashtags);
            sector.Position = command.Position;
        }
    }
}
