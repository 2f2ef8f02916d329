using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Relations;

/// <summary>An item's typed relations, read from its side: "Implements …", "Implemented by …".</summary>
public static class ListRelations
{
    public sealed record Query(ItemKind Kind, int Id) : IQuery<Result?>;

    public sealed record Result(string Title, IReadOnlyList<Row> Relations);

    public sealed record Row(int Id, string Label, ItemKind OtherKind, int OtherId, string OtherTitle, string? Note);

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var title = await RelationRules.TitleAsync(db, query.Kind, query.Id, ct);
            if (title is null)
            {
                return null;
            }

            var relations = await db.Relations.AsNoTracking()
                .Where(r => (r.SubjectKind == query.Kind && r.SubjectId == query.Id) || (r.ObjectKind == query.Kind && r.ObjectId == query.Id))
                .OrderBy(r => r.Id)
                .ToListAsync(ct);
            var others = relations.Select(r => r.SubjectKind == query.Kind && r.SubjectId == query.Id ? (Kind: r.ObjectKind, Id: r.ObjectId) : (Kind: r.SubjectKind, Id: r.SubjectId)).ToList();
            var titles = new Dictionary<(ItemKind, int), string>();
            foreach (var group in others.GroupBy(o => o.Kind))
            {
                foreach (var (id, t) in await RelationRules.TitlesAsync(db, group.Key, [.. group.Select(o => o.Id).Distinct()], ct))
                {
                    titles[(group.Key, id)] = t;
                }
            }

            return new Result(title, [.. relations.Zip(others).Select(p =>
            {
                var (r, other) = p;
                var fromSubject = r.SubjectKind == query.Kind && r.SubjectId == query.Id;
                return new Row(r.Id, RelationRules.Label(r.Type, fromSubject), other.Kind, other.Id,
                    titles.GetValueOrDefault((other.Kind, other.Id), $"(missing {RelationRules.KindLabel(other.Kind)} {other.Id})"), r.Note);
            }).OrderBy(r => r.Label, StringComparer.Ordinal)]);
        }
    }
}
