using SesecPortal.Search;
using static SesecPortal.UnitTests.Search.TempIndex;

namespace SesecPortal.UnitTests.Search;

/// <summary>Ranking, browsing, pages and sorts.</summary>
public sealed class SearchOrderTests : IDisposable
{
    private readonly TempIndex index = new();

    public void Dispose() => index.Dispose();

    [Fact]
    public void An_organisations_name_reaches_the_working_group_it_leads()
    {
        index.With(new SearchDocument
        {
            Kind = "working-group", Id = 1, Slug = "wg-1", Title = "SC 42 Artificial intelligence", Code = "SC 42",
            Related = ["China Electronics Standardization Institute"],
        });

        index.Titles("electronics standardization institute").ShouldBe(["SC 42 Artificial intelligence"]);
    }

    [Fact]
    public void A_standard_ranks_above_an_article_about_it_when_the_query_describes_its_title()
    {
        index.With(
            Article(1, "New national standard on zero-trust architecture approved",
                summary: "SAMR approved the security requirements for zero-trust architecture this month.",
                body: "GB/T 43698-2024, titled \"Information security technology - Security requirements for zero-trust architecture\", was approved."),
            Standard(2, "GB/T 43698-2024", "Information security technology - Security requirements for zero-trust architecture",
                summary: "This document specifies security requirements for zero-trust architecture."));

        index.Search("security requirements for zero-trust architecture").Hits[0].Kind.ShouldBe("standard");
    }

    [Fact]
    public void Browsing_without_words_shows_the_newest_first_and_undated_last()
    {
        index.With(
            Article(1, "Old", date: new DateOnly(2020, 1, 1)),
            Article(2, "New", date: new DateOnly(2025, 1, 1)),
            new SearchDocument { Kind = "organisation", Id = 3, Slug = "o", Title = "Undated organisation" },
            Article(4, "Middle", date: new DateOnly(2022, 1, 1)));

        index.Titles(null).ShouldBe(["New", "Middle", "Old", "Undated organisation"]);
    }

    [Fact]
    public void Pages_follow_each_other_without_overlap()
    {
        index.With([.. Enumerable.Range(1, 45).Select(i => Article(i, $"Carbon {i}"))]);

        var pages = Enumerable.Range(1, 3).Select(p => index.Search("carbon", r => { r.Page = p; r.Sort = SearchSort.Newest; })).ToList();

        pages.Select(p => p.Hits.Count).ShouldBe([20, 20, 5]);
        pages.SelectMany(p => p.Hits.Select(h => h.Id)).Distinct().Count().ShouldBe(45);
        pages.ShouldAllBe(p => p.Total == 45);
        index.Search("carbon", r => r.Page = 4).Hits.ShouldBeEmpty();
    }

    [Fact]
    public void Sorts_by_title_and_by_code()
    {
        index.With(
            Standard(1, "GB/T 3-2020", "Beta"),
            Standard(2, "GB/T 1-2020", "Gamma"),
            Standard(3, "GB/T 2-2020", "Alpha"),
            Article(4, "Delta"));

        index.Titles(null, r => r.Sort = SearchSort.Title).ShouldBe(["Alpha", "Beta", "Delta", "Gamma"]);
        index.Titles(null, r => r.Sort = SearchSort.Code).ShouldBe(["Gamma", "Alpha", "Beta", "Delta"]);
    }
}
