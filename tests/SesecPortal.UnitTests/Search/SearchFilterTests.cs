using SesecPortal.Search;
using static SesecPortal.UnitTests.Search.TempIndex;

namespace SesecPortal.UnitTests.Search;

/// <summary>Filters and facet counts.</summary>
public sealed class SearchFilterTests : IDisposable
{
    private readonly TempIndex index = new();

    public void Dispose() => index.Dispose();

    [Fact]
    public void Filters_accept_any_value_of_a_facet_and_need_every_facet()
    {
        index.With(
            Article(1, "Carbon ict", sectors: ["carbon", "ict"]),
            Article(2, "Carbon only", sectors: ["carbon"]),
            Article(3, "Ict only", sectors: ["ict"]),
            Standard(4, "GB 1-2020", "Carbon standard", sectors: ["carbon"]));

        index.Titles(null, r => r.Filters["sector"] = ["ict", "carbon"]).Count.ShouldBe(4);
        index.Titles(null, r => { r.Filters["sector"] = ["carbon"]; r.Filters["kind"] = ["article"]; })
            .ShouldBe(["Carbon ict", "Carbon only"], ignoreOrder: true);
    }

    [Fact]
    public void The_status_facet_follows_the_day_without_reindexing()
    {
        index.With(Standard(1, "GB 1-2026", "Published until July", status: "Published", effectiveOn: new DateOnly(2026, 7, 1)));

        SearchResults On(DateOnly day) => index.Search(null, r => { r.Today = day; r.CountFacets.Add("status"); r.Filters["status"] = ["InForce"]; });

        On(new DateOnly(2026, 6, 30)).Total.ShouldBe(0);
        var july = On(new DateOnly(2026, 7, 1));
        july.Total.ShouldBe(1);
        july.Facets["status"].ShouldBe([new FacetCount("InForce", 1)]);
    }

    [Fact]
    public void A_withdrawal_and_a_supersession_count_from_their_days()
    {
        var july = new DateOnly(2026, 7, 1);
        index.With(
            Standard(1, "GB 1-2020", "Withdrawn in July") with { WithdrawnOn = july },
            Standard(2, "GB 2-2020", "Replaced in July") with { SupersededOn = july },
            Standard(3, "GB 3-2020", "Staying in force"));

        IReadOnlyList<FacetCount> On(DateOnly day) => index.Search(null, r => { r.Today = day; r.CountFacets.Add("status"); }).Facets["status"];

        On(july.AddDays(-1)).ShouldBe([new FacetCount("InForce", 3)]);
        On(july).ShouldBe([new FacetCount("InForce", 1), new FacetCount("Superseded", 1), new FacetCount("Withdrawn", 1)]);
        index.Titles(null, r => { r.Today = july; r.Filters["status"] = ["Withdrawn", "Superseded"]; })
            .ShouldBe(["Withdrawn in July", "Replaced in July"], ignoreOrder: true);
    }

    [Fact]
    public void Status_counts_may_leave_out_the_status_filter_so_its_choices_stay_visible()
    {
        index.With(
            Standard(1, "GB 1-2020", "In force one"),
            Standard(2, "GB 2-2020", "In force two"),
            Standard(3, "GB 3-2020", "Withdrawn", status: "Withdrawn"));

        SearchResults Filtered(bool ignore) => index.Index.Search(new SearchRequest
        {
            Today = TempIndex.Today, CountFacets = ["status"], StatusCountsIgnoreStatusFilter = ignore,
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["status"] = ["Withdrawn"] },
        });

        var within = Filtered(ignore: false);
        within.Total.ShouldBe(1);
        within.Facets["status"].ShouldBe([new FacetCount("Withdrawn", 1)]);
        var beside = Filtered(ignore: true);
        beside.Total.ShouldBe(1);
        beside.Hits.Single().Title.ShouldBe("Withdrawn");
        beside.Facets["status"].ShouldBe([new FacetCount("InForce", 2), new FacetCount("Withdrawn", 1)]);
    }

    [Fact]
    public void Facets_are_counted_over_all_matches_by_count_then_value_and_years_latest_first()
    {
        var docs = new List<SearchDocument>();
        for (var i = 1; i <= 60; i++)
        {
            docs.Add(Article(i, $"Carbon item {i}", sectors: i % 3 == 0 ? ["ict", "carbon"] : ["carbon"]) with
            {
                Facets = new Dictionary<string, IReadOnlyList<string>>
                {
                    ["sector"] = i % 3 == 0 ? ["ict", "carbon"] : ["carbon"],
                    ["year"] = [(2019 + i % 4).ToString(System.Globalization.CultureInfo.InvariantCulture)],
                },
            });
        }

        index.With([.. docs]);

        var result = index.Search("carbon", r => { r.CountFacets.AddRange(["sector", "year", "kind"]); });

        result.Total.ShouldBe(60);
        result.Hits.Count.ShouldBe(20);
        result.Facets["sector"].ShouldBe([new FacetCount("carbon", 60), new FacetCount("ict", 20)]);
        result.Facets["year"].Select(f => f.Value).ShouldBe(["2022", "2021", "2020", "2019"]);
        result.Facets["kind"].ShouldBe([new FacetCount("article", 60)]);
    }
}
