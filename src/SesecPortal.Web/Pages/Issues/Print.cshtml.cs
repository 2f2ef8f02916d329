using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Features.Issues;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Issues;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class PrintModel(ISender sender) : ItemPage<GetIssueForPrint.Result>(sender)
{
    public Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => ShowAsync(slug, s => new GetIssueForPrint.Query(s), ct);
}
