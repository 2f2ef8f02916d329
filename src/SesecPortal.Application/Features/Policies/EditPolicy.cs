using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Data.Configurations;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Policies;

/// <summary>
/// An editor adds a policy or changes one: titles in English and Chinese, kind, dates, status, issuing authorities in
/// order, sectors, and the version it follows in its chain (<see cref="PolicyVersionLink"/>'s rules).
/// </summary>
public static class EditPolicy
{
    public sealed record Query(int Id) : IQuery<Command?>;

    /// <summary>Saves a policy: a new one when <see cref="Id"/> is null.</summary>
    public sealed record Command : ICommand<int>
    {
        public int? Id { get; set; }
        public uint Version { get; set; }
        public string Title { get; set; } = "";
        public string? TitleZh { get; set; }
        public string? Slug { get; set; }
        public PolicyKind Kind { get; set; }
        public PolicyStatus Status { get; set; }
        /// <summary><c>2021-10-24</c>, <c>2021-10</c> or <c>2021</c>: as precisely as it is known.</summary>
        public string? IssuedOn { get; set; }
        public DateOnly? CommentDeadline { get; set; }
        public string? DocumentNumber { get; set; }
        public string? CoIssuers { get; set; }
        public string? SourceUrl { get; set; }
        public string? Summary { get; set; }
        /// <summary>Issuing authorities, lead first; blank rows and rows marked for removal are ignored.</summary>
        public List<AuthorityRow> Authorities { get; set; } = [];
        public List<int> SectorIds { get; set; } = [];
        /// <summary>The address (slug) of the version this one follows; empty for a first version.</summary>
        public string? PreviousVersion { get; set; }
        /// <summary>How this version follows <see cref="PreviousVersion"/>.</summary>
        public PolicyVersionKind? VersionKind { get; set; }
    }

    public sealed class AuthorityRow
    {
        public int? OrganisationId { get; set; }
        public bool Remove { get; set; }
    }

    public static List<int> AuthorityIds(Command c) =>
        [.. c.Authorities.Where(a => !a.Remove && a.OrganisationId is not null).Select(a => a.OrganisationId!.Value)];

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(PortalDbContext db, IPortalAddresses addresses)
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage("Enter the policy's title.")
                .MaximumLength(Limits.Title).WithMessage($"A title is at most {Limits.Title} characters.");
            RuleFor(c => c.TitleZh).MaximumLength(Limits.Title).WithMessage($"A Chinese title is at most {Limits.Title} characters.");
            RuleFor(c => c.Slug).Must(ReferenceData.IsSlugOrEmpty).WithMessage(ReferenceData.SlugMessage)
                .MaximumLength(Limits.Slug).WithMessage($"A slug is at most {Limits.Slug} characters.")
                .MustAsync(async (c, slug, ct) => string.IsNullOrWhiteSpace(slug) || !await db.Policies.AnyAsync(p => p.Slug == slug.Trim() && p.Id != c.Id, ct))
                .WithMessage("Another policy already uses this slug.");
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose the kind of policy.");
            RuleFor(c => c.Status).IsInEnum().WithMessage("Choose the policy's status.");
            RuleFor(c => c.IssuedOn).Must(d => string.IsNullOrWhiteSpace(d) || PartialDate.TryParse(d, out _))
                .WithMessage("Enter the date issued as 2021-10-24, or 2021-10 or 2021 when only the month or year is known.");
            RuleFor(c => c.CommentDeadline)
                .Must((c, deadline) => deadline is null || !PartialDate.TryParse(c.IssuedOn, out var issued) || deadline > issued.Date)
                .WithMessage("The comment deadline must be after the date the draft was issued.");
            RuleFor(c => c.DocumentNumber).MaximumLength(Limits.Code).WithMessage($"A document number is at most {Limits.Code} characters.");
            RuleFor(c => c.CoIssuers).MaximumLength(Limits.Title).WithMessage($"The co-issuers note is at most {Limits.Title} characters.");
            RuleFor(c => c.SourceUrl).MaximumLength(Limits.Url).WithMessage($"A web address is at most {Limits.Url} characters.")
                .Must(ReferenceData.IsWebAddress).WithMessage(ReferenceData.WebAddressMessage);
            RuleFor(c => c.Summary).MaximumLength(Limits.Summary).WithMessage($"A summary is at most {Limits.Summary} characters.");
            RuleFor(c => c.Authorities).Must(rows => rows.Count <= 50).WithMessage("A policy has at most 50 issuing authorities.")
                .Must((c, _) => AuthorityIds(c).Count == AuthorityIds(c).Distinct().Count()).WithMessage("Each issuing authority is listed once.")
                .MustAsync(async (c, _, ct) =>
                {
                    var ids = AuthorityIds(c).Distinct().ToList();
                    return await db.Organisations.CountAsync(o => ids.Contains(o.Id), ct) == ids.Count;
                }).WithMessage("Choose issuing authorities from the list.");
            RuleFor(c => c.VersionKind).IsInEnum().WithMessage("Choose how this version follows the previous one.");
            RuleFor(c => c.VersionKind).NotNull().When(c => !string.IsNullOrWhiteSpace(c.PreviousVersion))
                .WithMessage("Choose how this version follows the previous one: a new draft, the final text, an amendment or replacing measures.");
            RuleFor(c => c.PreviousVersion)
                .NotEmpty().When(c => c.VersionKind is not null)
                .WithMessage("Name the previous version this one follows, or choose “First version” as the kind of link.")
                .MaximumLength(Limits.Url).WithMessage($"The previous version's address is at most {Limits.Url} characters.")
                .CustomAsync(async (previous, context, ct) =>
                {
                    if (!string.IsNullOrWhiteSpace(previous) && previous.Length <= Limits.Url
                        && (await PolicyVersionLink.CheckAsync(db, addresses, context.InstanceToValidate.Id, previous, ct)).Problem is { } problem)
                    {
                        context.AddFailure(problem);
                    }
                });
            RuleFor(c => c.SectorIds).NotEmpty().WithMessage("Choose at least one sector: the sector pages list policies by sector.")
                .MustAsync(async (ids, ct) => await db.Sectors.CountAsync(s => ids.Contains(s.Id), ct) == ids.Distinct().Count())
                .WithMessage("Choose sectors from the list.");
        }
    }

    public static string Snapshot(Policy p) => new Snapshot()
        .Add("Title", p.Title).Add("Chinese title", p.TitleZh).Add("Slug", p.Slug).Add("Kind", Labels.Of(p.Kind)).Add("Status", Labels.Of(p.Status))
        .Add("Issued on", p.IssuedOn is { } d ? PartialDate.Format(d, p.IssuedOnPrecision) : null)
        .Add("Comment deadline", p.CommentDeadline).Add("Document number", p.DocumentNumber)
        .AddList("Issuing authorities", p.Authorities.OrderBy(a => a.Position).Select(a => a.Organisation?.Name ?? a.OrganisationId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        .Add("Co-issuers", p.CoIssuers).Add("Source", p.SourceUrl)
        .AddList("Sectors", p.Sectors.OrderBy(s => s.Position).Select(s => s.Name))
        .Add("Summary", p.Summary)
        .Add("Previous version", p.PreviousVersion?.Slug ?? p.PreviousVersionId?.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Add("Follows it as", p.VersionKind is { } k ? PolicyVersionKinds.Label(k) : null).ToString();

    public sealed class QueryHandler(PortalDbContext db) : IQueryHandler<Query, Command?>
    {
        public async ValueTask<Command?> Handle(Query query, CancellationToken cancellationToken)
        {
            var p = await db.Policies.AsNoTracking().Where(p => p.Id == query.Id)
                .Select(p => new
                {
                    p.Id, p.Version, p.Title, p.TitleZh, Previous = p.PreviousVersion == null ? null : p.PreviousVersion.Slug, p.VersionKind, p.Slug, p.Kind, p.Status, p.IssuedOn, p.IssuedOnPrecision, p.CommentDeadline, p.DocumentNumber,
                    p.CoIssuers, p.SourceUrl, p.Summary,
                    Authorities = p.Authorities.OrderBy(a => a.Position).Select(a => a.OrganisationId).ToList(),
                    Sectors = p.Sectors.Select(s => s.Id).ToList(),
                })
                .AsSplitQuery()
                .SingleOrDefaultAsync(cancellationToken);
            return p is null ? null : new Command
            {
                Id = p.Id, Version = p.Version, Title = p.Title, TitleZh = p.TitleZh, PreviousVersion = p.Previous, VersionKind = p.VersionKind, Slug = p.Slug, Kind = p.Kind, Status = p.Status,
                IssuedOn = p.IssuedOn is { } d ? FormatIssued(d, p.IssuedOnPrecision) : null,
                CommentDeadline = p.CommentDeadline, DocumentNumber = p.DocumentNumber, CoIssuers = p.CoIssuers, SourceUrl = p.SourceUrl,
                Summary = p.Summary, Authorities = [.. p.Authorities.Select(o => new AuthorityRow { OrganisationId = o })], SectorIds = p.Sectors,
            };
        }

        private static string FormatIssued(DateOnly d, DatePrecision precision) => precision switch
        {
            DatePrecision.Year => d.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture),
            DatePrecision.Month => d.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            _ => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public sealed class Handler(PortalDbContext db, ReferenceSave save, IPortalAddresses addresses) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var slug = await ReferenceData.SlugAsync(command.Slug, command.Title, db.Policies.Where(p => p.Id != command.Id).Select(p => p.Slug), ct);
            var sectors = await db.Sectors.Where(s => command.SectorIds.Contains(s.Id)).ToListAsync(ct);
            var authorityIds = AuthorityIds(command);
            var organisations = await db.Organisations.Where(o => authorityIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
            var previousSlug = string.IsNullOrWhiteSpace(command.PreviousVersion) ? null : PolicyVersionLink.Normalize(addresses, command.PreviousVersion);
            var previous = previousSlug is null ? null : await db.Policies.SingleOrDefaultAsync(p => p.Slug == previousSlug, ct);
            return await save.SaveAsync(command.Id, command.Version, new ReferenceEdit<Policy>
            {
                Kind = ItemKind.Policy,
                Noun = "The policy",
                Create = () => new Policy { Title = "", Slug = slug },
                Load = Load,
                Apply = policy =>
                {
                    Apply(policy, command, slug, sectors, authorityIds, organisations);
                    Link(policy, previous, command.VersionKind);
                },
                Snapshot = Snapshot,
                Name = policy => policy.Title,
                VersionedProperty = nameof(Policy.Title),
                Changed = policy => policy.ChangedAt = save.Now,
            }, ct);
        }

        private static void Link(Policy p, Policy? previous, PolicyVersionKind? kind)
        {
            p.PreviousVersion = previous;
            p.PreviousVersionId = previous?.Id;
            p.VersionKind = previous is null ? null : kind;
        }

        private static IQueryable<Policy> Load(IQueryable<Policy> policies) =>
            policies.Include(p => p.PreviousVersion).Include(p => p.Sectors).Include(p => p.Authorities).ThenInclude(a => a.Organisation).AsSplitQuery();

        private static void Apply(Policy p, Command c, string slug, List<Sector> sectors, List<int> authorityIds, Dictionary<int, Organisation> organisations)
        {
            p.Title = c.Title.Trim();
            p.TitleZh = ReferenceData.Trimmed(c.TitleZh);
            p.Slug = slug;
            p.Kind = c.Kind;
            p.Status = c.Status;
            if (PartialDate.TryParse(c.IssuedOn, out var issued))
            {
                p.IssuedOn = issued.Date;
                p.IssuedOnPrecision = issued.Precision;
            }
            else
            {
                p.IssuedOn = null;
                p.IssuedOnPrecision = DatePrecision.Day;
            }

            p.CommentDeadline = c.CommentDeadline;
            p.DocumentNumber = ReferenceData.Trimmed(c.DocumentNumber);
            p.CoIssuers = ReferenceData.Trimmed(c.CoIssuers);
            p.SourceUrl = ReferenceData.Trimmed(c.SourceUrl);
            p.Summary = ReferenceData.Trimmed(c.Summary);
            p.Sectors.Clear();
            p.Sectors.AddRange(sectors);

            // Authorities are keyed by organisation: keep the rows that stay (with their new position), drop the others.
            p.Authorities.RemoveAll(a => !authorityIds.Contains(a.OrganisationId));
            for (var i = 0; i < authorityIds.Count; i++)
            {
                var row = p.Authorities.Find(a => a.OrganisationId == authorityIds[i]);
                if (row is null)
                {
                    row = new PolicyAuthority { OrganisationId = authorityIds[i], Organisation = organisations[authorityIds[i]] };
                    p.Authorities.Add(row);
                }

                row.Position = i;
            }
        }
    }
}
