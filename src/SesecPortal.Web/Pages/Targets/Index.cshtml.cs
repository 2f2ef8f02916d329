using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Features.Targets;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Targets;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public ListTargets.Result Result { get; private set; } = null!;

    public static readonly string[] FilterKeys = ["sector", "year"];

    public async Task OnGetAsync(CancellationToken ct) => Result = await sender.Send(Query(Request.Query), ct);

    /// <summary>The page's filters, shared with its CSV and JSON so a download holds what the page shows.</summary>
    public static ListTargets.Query Query(IQueryCollection q) => new(q["sector"].ToArray()!, q["year"].ToArray()!);

    public string CsvLink => QueryLinks.Carrying("/api/v1/targets.csv", Request.Query, FilterKeys);

    public string JsonLink => QueryLinks.Carrying("/api/v1/targets", Request.Query, FilterKeys);

    public string Toggle(string key, string value) => QueryLinks.Toggle("/targets", Request.Query, key, value);
}
