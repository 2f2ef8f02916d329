using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.IntegrationTests;

/// <summary>
/// The finder's in-memory index gives what SQL gives, for every kind of filter, sort and page, and a committed change
/// (through the portal or straight in the database) shows on the next request.
/// </summary>
public sealed class StandardFinderIndexTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private StandardFinderIndex Index => Fixture.Factory.Services.GetRequiredService<StandardFinderIndex>();

    private async Task ImportCorpusAsync()
    {
        using var stream = new MemoryStream(await OpenDataCorpus.GenerateAsync(articles: 0, standards: 300, policies: 0, seed: 7));
        using var _ = Fixture.ActAs("editor@example.com", Roles.Editor);
        var result = await SendAsync(new ImportContent.Command(stream));
        result.Added["standard"].ShouldBeGreaterThan(250);
    }

    /// <summary>The same query answered by the index and by SQL, as JSON.</summary>
    private async Task<(string FromIndex, string FromSql)> BothWaysAsync(FindStandards.Query query)
    {
        var index = Index;
        try
        {
            index.Enabled = false;
            var fromSql = JsonSerializer.Serialize(await SendAsync(query));
            index.Enabled = true;
            var fromIndex = JsonSerializer.Serialize(await SendAsync(query));
            return (fromIndex, fromSql);
        }
        finally
        {
            index.Enabled = true;
        }
    }

    [Fact]
    public async Task Every_filter_sort_and_page_gives_what_sql_gives()
    {
        await ImportCorpusAsync();
        var all = await SendAsync(new FindStandards.Query());
        all.Total.ShouldBeGreaterThan(290);
        string[] sectors = [.. all.Sectors.Select(s => s.Value)];
        string[] statuses = [.. all.Statuses.Select(s => s.Value)];
        string[] levels = [.. all.Levels.Select(l => l.Value)];
        string[] years = [.. all.Years.Select(y => y.Value)];
        string[] committees = [.. all.Committees.Select(c => c.Value)];
        (sectors.Length, statuses.Length, levels.Length, years.Length, committees.Length).ShouldSatisfyAllConditions(
            c => c.Item1.ShouldBeGreaterThan(5), c => c.Item2.ShouldBeGreaterThan(3), c => c.Item3.ShouldBeGreaterThan(3),
            c => c.Item4.ShouldBeGreaterThan(5), c => c.Item5.ShouldBeGreaterThan(1));

        List<FindStandards.Query> queries =
        [
            new(), new(Sort: "date"), new(Page: "2"), new(Sort: "date", Page: "3"), new(Page: "999"),
            .. sectors.Select(s => new FindStandards.Query(Sector: [s])),
            .. statuses.Select(s => new FindStandards.Query(Status: [s], Sort: "date")),
            .. levels.Select(l => new FindStandards.Query(Level: [l])),
            .. years.Take(6).Select(y => new FindStandards.Query(Year: [y])),
            .. committees.Select(c => new FindStandards.Query(Committee: [c])),
            .. sectors.Take(5).SelectMany(s => statuses.Select(st => new FindStandards.Query(Sector: [s], Status: [st]))),
            new(Sector: [sectors[0], sectors[1]], Level: [levels[0], levels[1]], Status: [statuses[0], statuses[1]], Page: "2"),
            new(Sector: [sectors[2]], Year: [years[0], years[1], years[2]], Sort: "date"),
            new(Level: [levels[0]], Committee: [committees[0]], Status: [statuses[0]]),
            new(Sector: ["atlantis"], Status: ["lost"], Level: ["gbx"], Page: "-1"),
        ];
        foreach (var query in queries)
        {
            var (fromIndex, fromSql) = await BothWaysAsync(query);
            fromIndex.ShouldBe(fromSql, $"{query}");
        }
    }

    [Fact]
    public async Task A_change_committed_in_the_database_shows_on_the_next_request_and_reads_do_not_rebuild()
    {
        var before = await SendAsync(new FindStandards.Query(Status: ["Withdrawn"]));
        var builds = Index.Builds;
        (await SendAsync(new FindStandards.Query(Status: ["Withdrawn"]))).Total.ShouldBe(before.Total);
        Index.Builds.ShouldBe(builds, "a read with nothing changed reuses the index");

        // Straight in the database, as another instance, a script or an import would: the triggers bump the stamp.
        await using (var scope = Fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var id = await db.Standards.Where(s => s.Code == "GB/T 50378-2019").Select(s => s.Id).SingleAsync(Ct);
            await db.Database.ExecuteSqlAsync($"UPDATE standards SET status = 'Withdrawn', withdrawn_on = DATE '2023-01-01' WHERE id = {id}", Ct);
            await db.Database.ExecuteSqlAsync($"UPDATE sectors SET name = 'Buildings' WHERE slug = 'construction'", Ct);
        }

        var after = await SendAsync(new FindStandards.Query(Status: ["Withdrawn"]));
        after.Total.ShouldBe(before.Total + 1);
        after.Standards.Select(s => s.Code).ShouldContain("GB/T 50378-2019");
        after.Sectors.ShouldContain(s => s.Value == "construction" && s.Label == "Buildings");
        Index.Builds.ShouldBe(builds + 1);
    }

    [Fact]
    public async Task A_standard_deleted_through_the_portal_leaves_the_list_and_its_counts()
    {
        var before = await SendAsync(new FindStandards.Query(Sector: ["construction"]));
        var gone = before.Standards[0];

        await using (var scope = Fixture.CreateScope())
        {
            var id = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Standards.Where(s => s.Slug == gone.Slug).Select(s => s.Id).SingleAsync(Ct);
            using var _ = Fixture.ActAs("editor@example.com", Roles.Editor);
            await SendAsync(new DeleteStandard.Command(id));
        }

        var after = await SendAsync(new FindStandards.Query(Sector: ["construction"]));
        after.Total.ShouldBe(before.Total - 1);
        after.Standards.ShouldNotContain(s => s.Slug == gone.Slug);
        after.Sectors.Single(s => s.Value == "construction").Count.ShouldBe(before.Sectors.Single(s => s.Value == "construction").Count - 1);
    }
}
