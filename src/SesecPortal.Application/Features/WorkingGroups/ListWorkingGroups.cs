using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.WorkingGroups;

/// <summary>The committee tree: technical committees, their subcommittees and working groups.</summary>
public static class ListWorkingGroups
{
    public sealed record Query : IQuery<IReadOnlyList<Node>>;

    public sealed record Node(string Slug, string Name, string? Code, string Kind, IReadOnlyList<Node> Children);

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, IReadOnlyList<Node>>
    {
        public async ValueTask<IReadOnlyList<Node>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rows = await db.WorkingGroups.AsNoTracking()
                .OrderBy(w => w.Position).ThenBy(w => w.Name)
                .Select(w => new { w.Id, w.ParentId, w.Slug, w.Name, w.Code, w.Kind })
                .ToListAsync(cancellationToken);
            var byParent = rows.ToLookup(r => r.ParentId);
            IReadOnlyList<Node> Build(int? parent) =>
                [.. byParent[parent].Select(r => new Node(r.Slug, r.Name, r.Code, Labels.Of(r.Kind), Build(r.Id)))];
            return Build(null);
        }
    }
}
