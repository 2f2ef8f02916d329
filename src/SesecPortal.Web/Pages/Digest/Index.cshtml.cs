using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using SesecPortal.Application.Features.Digest;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Pages.Digest;

/// <summary>
/// The policy digest: a period chosen with a GET form, sectors and authorities as links, grouped by sector or by authority;
/// downloadable as CSV with the same parameters, and printable.
/// </summary>
[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public GetDigest.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Result = await sender.Send(DigestRequest.From(Request.Query), ct);

    public string Toggle(string key, string value) => QueryLinks.Toggle("/digest", Request.Query, key, value);

    /// <summary>This digest grouped the other way.</summary>
    public string GroupedBy(string group) => DigestRequest.Address("/digest", Result, group);

    /// <summary>This digest's rows as CSV: the same period, filters and grouping.</summary>
    public string CsvAddress => DigestRequest.Address("/digest.csv", Result);
}
