using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Standards;
using SesecPortal.IntegrationTests.Relations;

namespace SesecPortal.IntegrationTests.Standards;

/// <summary>Supersession chains.</summary>
public sealed class SupersessionChainTests(IntegrationFixture fixture) : KnowledgeGraphTest(fixture)
{
    [Fact]
    public async Task The_whole_supersession_chain_is_navigable_both_ways()
    {
        await AddChainAsync();

        var first = (await SendAsync(new GetStandard.Query("gb-t-90001-2005"))).ShouldNotBeNull();
        var middle = (await SendAsync(new GetStandard.Query("gb-t-90001-2012"))).ShouldNotBeNull();
        var last = (await SendAsync(new GetStandard.Query("gb-t-90001-2020"))).ShouldNotBeNull();

        first.Successors.Select(c => c.Standard.Slug).ShouldBe(["gb-t-90001-2012", "gb-t-90001-2020"]);
        first.Predecessors.ShouldBeEmpty();
        first.Status.ShouldBe("Superseded");
        middle.Predecessors.Select(c => c.Standard.Slug).ShouldBe(["gb-t-90001-2005", "gb-t-90002-2008"]);
        middle.Successors.Select(c => c.Standard.Slug).ShouldBe(["gb-t-90001-2020"]);
        last.Predecessors.Select(c => (c.Generation, c.Standard.Slug)).ShouldBe([(-1, "gb-t-90001-2012"), (-2, "gb-t-90001-2005"), (-2, "gb-t-90002-2008")]);
        last.Predecessors[1].ReplacedBy.ShouldBe("GB/T 90001-2012");
        last.Successors.ShouldBeEmpty();
        first.Timeline.Single(e => e.Kind == StandardEventKind.Superseded).ShouldSatisfyAllConditions(
            e => e.Label.ShouldBe("Superseded by GB/T 90001-2012"), e => e.When.ShouldBe("1 June 2013"), e => e.HasHappened.ShouldBeTrue());

        var (_, firstPage) = await GetPageAsync("/standards/gb-t-90001-2005");
        var (_, lastPage) = await GetPageAsync("/standards/gb-t-90001-2020");
        firstPage.QuerySelectorAll("ol[aria-labelledby=replaced-by] a").Select(a => a.GetAttribute("href"))
            .ShouldBe(["/standards/gb-t-90001-2012", "/standards/gb-t-90001-2020"]);
        lastPage.QuerySelectorAll("ol[aria-labelledby=replaces] a").Select(a => a.GetAttribute("href"))
            .ShouldBe(["/standards/gb-t-90001-2012", "/standards/gb-t-90001-2005", "/standards/gb-t-90002-2008"]);
    }

    [Fact]
    public async Task A_chain_is_loaded_in_one_query_however_long_it_is()
    {
        await AddChainAsync();
        await using (var db = Fixture.Database.CreateDbContext())
        {
            // Ten more editions after the 2020 one.
            var previous = await db.Standards.SingleAsync(s => s.Slug == "gb-t-90001-2020", Ct);
            for (var year = 2021; year <= 2030; year++)
            {
                var next = NewStandard($"GB/T 90001-{year}", "Edition", StandardStatus.Published, new DateOnly(year, 1, 1), null);
                db.Standards.Add(next);
                previous.ReplacedBy = next;
                previous = next;
            }

            await db.SaveChangesAsync(Ct);
        }

        var counter = new CommandCounter();
        await using var counted = CountedDbContext(counter);
        var first = await counted.Standards.SingleAsync(s => s.Slug == "gb-t-90001-2005", Ct);
        counter.Reset();

        var chain = await SupersessionChain.LoadAsync(counted, first.Id, Ct);

        counter.Count.ShouldBe(1);
        chain.Count(c => c.Generation > 0).ShouldBe(12);
        chain[^1].Slug.ShouldBe("gb-t-90001-2030");
    }
}
