using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.Application.Features.Sectors;

/// <summary>An editor deletes a sector no policy or standard depends on; items tagged with it lose the tag.</summary>
public static class DeleteSector
{
    public sealed record Command(int Id) : ICommand<Unit>;

    public sealed class Handler(ReferenceSave save, FacetSlugs facets) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await save.DeleteAsync(command.Id, new ReferenceDelete<Sector>
            {
                Kind = ItemKind.Sector,
                Noun = "The sector",
                Name = sector => sector.Name,
                SlugGone = (slug, ct) => facets.ReplaceAsync(FacetSlugs.Facet.Sector, slug, null, ct),
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
