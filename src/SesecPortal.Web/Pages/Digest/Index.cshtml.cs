using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Features.Digest;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Digest;

/// <summary>The policy digest: a period chosen with a GET form, sectors and authorities as links; printable.</summary>
[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public GetDigest.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = Request.Query;
        Result = await sender.Send(new GetDigest.Query(
            Period: Value(q["period"]), Issue: Value(q["issue"]), Month: Value(q["month"]), Quarter: Value(q["quarter"]),
            From: Value(q["from"]), To: Value(q["to"]), Sector: q["sector"].ToArray()!, Authority: q["authority"].ToArray()!), ct);
    }

    public string Toggle(string key, string value) => QueryLinks.Toggle("/digest", Request.Query, key, value);

    private static string? Value(Microsoft.Extensions.Primitives.StringValues values) => string.IsNullOrWhiteSpace(values) ? null : values.ToString();
}
