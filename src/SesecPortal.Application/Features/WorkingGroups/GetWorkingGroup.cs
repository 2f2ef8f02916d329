using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Relations;

namespace SesecPortal.Application.Features.WorkingGroups;

public static class GetWorkingGroup
{
    /// <param name="IncludeContacts">Secretariat contacts are personal data: only for signed-in members.</param>
    public sealed record Query(string Slug, bool IncludeContacts) : IQuery<Result?>;

    public sealed record Result(
        string Slug, string Name, string? Code, string Kind, string? EstablishedOn, string FocusHtml,
        IReadOnlyList<Link> Ancestors, IReadOnlyList<Link> Children, IReadOnlyList<Member> Members,
        int ContactCount, IReadOnlyList<Contact> Contacts,
        IReadOnlyList<WorkItemGroup> Achievements, IReadOnlyList<WorkItemGroup> OngoingWork,
        IReadOnlyList<Link> Standards, IReadOnlyList<Link> Sectors, IReadOnlyList<Link> Articles)
    {
        /// <summary>Its typed links: who leads it, what it drafted, who takes part.</summary>
        public GetRelations.Result Relations { get; init; } = new([]);
    }

    public sealed record Member(string Role, string? Person, Link? Organisation);

    public sealed record Contact(string Name, IReadOnlyList<string> Phones, bool IsSecretariat);

    public sealed record WorkItemGroup(string Category, IReadOnlyList<WorkItemRow> Items);

    public sealed record WorkItemRow(string Title, Link? Standard, string? Note);

    public sealed class Handler(PortalDbContext db, MarkdownRenderer markdown, IMediator mediator) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var w = await db.WorkingGroups.AsNoTracking().Where(w => w.Slug == query.Slug)
                .Select(w => new
                {
                    w.Id, w.ParentId, w.Slug, w.Name, w.Code, w.Kind, w.EstablishedOn, w.Focus,
                    Children = w.Children.OrderBy(c => c.Position).Select(c => new Link(c.Slug, c.Name, c.Code)).ToList(),
                    Members = w.Members.OrderBy(m => m.Position)
                        .Select(m => new { m.Role, m.PersonName, Organisation = m.Organisation == null ? null : new Link(m.Organisation.Slug, m.Organisation.Name, null) }).ToList(),
                    ContactCount = w.Contacts.Count,
                    WorkItems = w.WorkItems.OrderBy(i => i.Position)
                        .Select(i => new { i.Stage, i.Category, i.Title, i.Note, Standard = i.Standard == null ? null : new Link(i.Standard.Slug, i.Standard.Code ?? i.Standard.TitleEn, null) }).ToList(),
                    Sectors = w.Sectors.OrderBy(s => s.Position).Select(s => new Link(s.Slug, s.Name, null)).ToList(),
                })
                .AsSplitQuery()
                .SingleOrDefaultAsync(cancellationToken);
            if (w is null)
            {
                return null;
            }

            var contacts = query.IncludeContacts
                ? await db.WorkingGroups.AsNoTracking().Where(g => g.Id == w.Id).SelectMany(g => g.Contacts).OrderBy(c => c.Position)
                    .Select(c => new Contact(c.Name, c.Phones, c.IsSecretariat)).ToListAsync(cancellationToken)
                : [];
            var ancestors = await AncestorsAsync(w.ParentId, cancellationToken);
            var relations = await mediator.Send(new GetRelations.Query(ItemKind.WorkingGroup, w.Id), cancellationToken);
            var standards = await db.Standards.AsNoTracking().Where(s => s.CommitteeId == w.Id)
                .OrderBy(s => s.NormalizedCode).Select(s => new Link(s.Slug, s.Code ?? s.TitleEn, s.TitleEn)).ToListAsync(cancellationToken);
            var articles = await db.Articles.AsNoTracking()
                .Where(a => a.Status == PublicationStatus.Published && a.WorkingGroups.Any(x => x.Id == w.Id))
                .OrderByDescending(a => a.PublishedOn).ThenBy(a => a.Title).Select(a => new Link(a.Slug, a.Title, null)).ToListAsync(cancellationToken);

            List<WorkItemGroup> Grouped(WorkItemStage stage) =>
                [.. w.WorkItems.Where(i => i.Stage == stage).GroupBy(i => i.Category)
                    .Select(g => new WorkItemGroup(Labels.Of(g.Key), [.. g.Select(i => new WorkItemRow(i.Title, i.Standard, i.Note))]))];

            return new Result(
                w.Slug, w.Name, w.Code, Labels.Of(w.Kind), w.EstablishedOn is { } e ? PartialDate.Format(e) : null, markdown.ToHtml(w.Focus),
                ancestors, w.Children,
                [.. w.Members.Select(m => new Member(Labels.Of(m.Role), m.PersonName, m.Organisation))],
                w.ContactCount, contacts, Grouped(WorkItemStage.Achievement), Grouped(WorkItemStage.Ongoing),
                standards, w.Sectors, articles)
            {
                Relations = relations,
            };
        }

        private async Task<IReadOnlyList<Link>> AncestorsAsync(int? parentId, CancellationToken ct)
        {
            var chain = new List<Link>();
            // A committee tree is a few levels deep; the guard stops a cycle an editor might introduce.
            for (var depth = 0; parentId is not null && depth < 10; depth++)
            {
                var parent = await db.WorkingGroups.AsNoTracking().Where(g => g.Id == parentId)
                    .Select(g => new { g.ParentId, Link = new Link(g.Slug, g.Name, g.Code) }).SingleAsync(ct);
                chain.Insert(0, parent.Link);
                parentId = parent.ParentId;
            }

            return chain;
        }
    }
}
