using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>The sectors, organisations and committees an editor's form offers to choose from.</summary>
public static class GetEditorChoices
{
    public sealed record Query : IQuery<Result>;

    public sealed record Choice(int Id, string Label);

    public sealed record Result(IReadOnlyList<Choice> Sectors, IReadOnlyList<Choice> Organisations, IReadOnlyList<Choice> WorkingGroups);

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var sectors = await db.Sectors.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Name)
                .Select(s => new Choice(s.Id, s.Name)).ToListAsync(ct);
            var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
                .Select(o => new Choice(o.Id, o.Abbreviation == null || o.Abbreviation == o.Name ? o.Name : o.Name + " (" + o.Abbreviation + ")"))
                .ToListAsync(ct);
            var groups = await db.WorkingGroups.AsNoTracking().OrderBy(w => w.Position).ThenBy(w => w.Name)
                .Select(w => new Choice(w.Id, w.Code == null ? w.Name : w.Code + " " + w.Name)).ToListAsync(ct);
            return new Result(sectors, organisations, groups);
        }
    }
}
