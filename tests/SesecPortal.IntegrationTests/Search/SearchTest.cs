using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.IntegrationTests.Search;

/// <summary>Search over the seed issue: syntax, prefixes, spellings, typos, codes, facets, filters, paging, bad input.</summary>
public abstract class SearchTest(IntegrationFixture fixture) : PortalTest(fixture)
{
    protected Task<SearchPortal.Result> Search(string? q, string? kind = null, string? sector = null, string? status = null,
        string? authority = null, string? year = null, string? page = null) =>
        SendAsync(new SearchPortal.Query(q, Kind: kind is null ? null : [kind], Sector: sector is null ? null : [sector],
            Status: status is null ? null : [status], Authority: authority is null ? null : [authority], Year: year is null ? null : [year], Page: page));

    protected async Task<int> AddStandardAsync(string code, string title, string titleZh)
    {
        using var _ = Fixture.ActAs("editor@example.com", Application.Domain.Roles.Editor);
        await using var db = Fixture.Database.CreateDbContext();
        var sector = await db.Sectors.Where(x => x.Slug == "cybersecurity").Select(x => x.Id).SingleAsync(Ct);
        return await SendAsync(new Application.Features.Standards.EditStandard.Command
        {
            Code = code, TitleEn = title, TitleZh = titleZh, Status = Application.Domain.StandardStatus.Published, SectorIds = [sector],
        });
    }

    protected async Task<string> SlugAsync(int standardId)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.Standards.Where(s => s.Id == standardId).Select(s => s.Slug).SingleAsync(Ct);
    }
}
