using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.Application.Features.Organisations;

/// <summary>
/// An editor deletes an organisation nothing depends on: one that issues a policy, leads a group or is the parent of
/// another organisation is refused with the reason. Its relations go with it; standards it issued lose their issuer.
/// </summary>
public static class DeleteOrganisation
{
    public sealed record Command(int Id) : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, ReferenceSave save, FacetSlugs facets) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await save.DeleteAsync(command.Id, new ReferenceDelete<Organisation>
            {
                Kind = ItemKind.Organisation,
                Noun = "The organisation",
                Name = organisation => organisation.Name,
                Detach = async (organisation, ct) =>
                {
                    foreach (var standard in await db.Standards.Where(s => s.IssuerId == organisation.Id).ToListAsync(ct))
                    {
                        standard.IssuerId = null;
                    }
                },
                SlugGone = (slug, ct) => facets.ReplaceAsync(FacetSlugs.Facet.Authority, slug, null, ct),
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
