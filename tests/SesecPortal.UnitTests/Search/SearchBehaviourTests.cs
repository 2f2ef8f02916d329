using SesecPortal.Search;
using static SesecPortal.UnitTests.Search.TempIndex;

namespace SesecPortal.UnitTests.Search;

public sealed class SearchBehaviourTests : IDisposable
{
    private readonly TempIndex index = new();

    public void Dispose() => index.Dispose();

    [Fact]
    public void Finds_items_by_their_words_in_any_field()
    {
        index.With(
            Article(1, "Carbon peaking in the steel sector", summary: "Targets for steel makers."),
            Article(2, "Cloud computing contracts", body: "Nothing about steel here? Actually steel appears once."),
            Article(3, "Medical devices registration"));

        index.Titles("steel").ShouldBe(["Carbon peaking in the steel sector", "Cloud computing contracts"], ignoreOrder: true);
    }

    [Fact]
    public void Every_word_must_be_found()
    {
        index.With(Article(1, "Carbon peak plan"), Article(2, "Carbon footprint labels"));

        index.Titles("carbon peak").ShouldBe(["Carbon peak plan"]);
    }

    [Fact]
    public void A_title_match_ranks_above_a_body_match()
    {
        index.With(
            Article(1, "Quarterly digest", body: "This issue mentions a green building assessment in passing, among many other topics of the quarter."),
            Standard(2, "GB/T 50378-2019", "Assessment standard for green building"));

        index.Titles("green building assessment")[0].ShouldBe("Assessment standard for green building");
    }

    [Fact]
    public void A_quoted_phrase_needs_its_words_together_and_in_order()
    {
        index.With(Article(1, "Important data identification"), Article(2, "Data that is important"));

        index.Titles("\"important data\"").ShouldBe(["Important data identification"]);
    }

    [Fact]
    public void An_unclosed_quote_runs_to_the_end()
    {
        index.With(Article(1, "Network access licence rules"), Article(2, "Licence for network access"));

        index.Titles("\"network access licence").ShouldBe(["Network access licence rules"]);
    }

    [Fact]
    public void A_hyphenated_word_is_a_phrase()
    {
        index.With(Article(1, "Dual-carbon goals explained"), Article(2, "Carbon dual listing"));

        index.Titles("dual-carbon").ShouldBe(["Dual-carbon goals explained"]);
    }

    [Fact]
    public void Or_finds_either_alternative()
    {
        index.With(Article(1, "Edge computing platforms"), Article(2, "Cloud computing services"), Article(3, "Fog networks"));

        index.Titles("edge or cloud").ShouldBe(["Edge computing platforms", "Cloud computing services"], ignoreOrder: true);
    }

    [Fact]
    public void Or_binds_the_words_beside_it()
    {
        index.With(Article(1, "AI chips export"), Article(2, "AI servers market"), Article(3, "Servers for banks"));

        index.Titles("ai chips OR servers").ShouldBe(["AI chips export", "AI servers market"], ignoreOrder: true);
    }

    [Fact]
    public void A_minus_word_excludes_items_that_hold_it()
    {
        index.With(Article(1, "Carbon market opens"), Article(2, "Carbon rules for buildings"));

        index.Titles("carbon -buildings").ShouldBe(["Carbon market opens"]);
    }

    [Fact]
    public void A_minus_phrase_excludes_items_that_hold_the_phrase()
    {
        index.With(Article(1, "Carbon in public buildings"), Article(2, "Carbon in buildings for the public"));

        index.Titles("carbon -\"public buildings\"").ShouldBe(["Carbon in buildings for the public"]);
    }

    [Fact]
    public void Whole_words_come_first_and_prefixes_only_widen_a_short_result()
    {
        index.With(Article(1, "Cybersecurity law"), Article(2, "Cyber insurance"));

        var whole = index.Search("cyber");
        whole.Widened.ShouldBeTrue();
        whole.Hits.Select(h => h.Title).ShouldBe(["Cyber insurance", "Cybersecurity law"]);
    }

    [Fact]
    public void Whole_words_that_fill_a_page_are_not_widened()
    {
        var many = Enumerable.Range(1, 25).Select(i => Article(i, $"Cyber report {i}")).Append(Article(100, "Cybersecurity law")).ToArray();
        index.With(many);

        var result = index.Search("cyber");

        result.Widened.ShouldBeFalse();
        result.Total.ShouldBe(25);
    }

    [Fact]
    public void Short_words_are_never_widened()
    {
        index.With(Article(1, "AI rules"), Article(2, "Aircraft safety"));

        index.Titles("ai").ShouldBe(["AI rules"]);
    }

    [Theory]
    [InlineData("standardisation", "Standardization outline")]
    [InlineData("standardization", "Standardisation outline")]
    [InlineData("organise", "How to organize committees")]
    [InlineData("analyse", "Analyze the data")]
    [InlineData("licence", "License requirements")]
    [InlineData("centre", "Data center efficiency")]
    [InlineData("colour", "Color labels")]
    [InlineData("labelling", "Labeling of AI-generated content")]
    [InlineData("programmes", "Pilot program")]
    public void British_and_American_spellings_find_each_other(string query, string title)
    {
        index.With(Article(1, title), Article(2, "Something else entirely"));

        index.Titles(query).ShouldBe([title]);
    }

    [Theory]
    [InlineData("standards", "Standard for data")]
    [InlineData("requirement", "General requirements")]
    [InlineData("batteries", "Battery safety")]
    public void Plurals_and_inflections_find_each_other(string query, string title)
    {
        index.With(Article(1, title), Article(2, "Something else entirely"));

        index.Titles(query).ShouldBe([title]);
    }

    [Fact]
    public void Stemming_does_not_join_general_and_generative()
    {
        index.With(Article(1, "General requirements"), Article(2, "Generative AI services"));

        index.Titles("generative").ShouldBe(["Generative AI services"]);
    }

    [Theory]
    [InlineData("cybersecurty", "Cybersecurity incident reporting")]
    [InlineData("knowlege graph", "Knowledge graph construction")]
    [InlineData("energy efficency", "Energy efficiency grades for motors")]
    public void A_typo_finds_items_with_similar_title_words_and_says_it_is_approximate(string query, string title)
    {
        index.With(Article(1, title), Article(2, "Medical devices registration"));

        var result = index.Search(query);

        result.Approximate.ShouldBeTrue();
        result.Hits.Select(h => h.Title).ShouldBe([title]);
    }

    [Fact]
    public void An_exact_match_is_not_approximate()
    {
        index.With(Article(1, "Cybersecurity incident reporting"));

        index.Search("cybersecurity").Approximate.ShouldBeFalse();
    }

    [Fact]
    public void A_code_key_finds_its_standard_first_and_an_exact_key_before_longer_codes()
    {
        index.With(
            Article(1, "GB/T 50378 explained", body: "GB/T 50378-2019 is the green building standard."),
            Standard(2, "GB/T 50378.2-2020", "Green building part 2"),
            Standard(3, "GB/T 50378-2019", "Assessment standard for green building"));

        var result = index.Search("GB/T 50378-2019", r => r.CodeKey = "GBT503782019");

        result.Hits[0].Title.ShouldBe("Assessment standard for green building");
    }

    [Fact]
    public void A_code_key_prefix_matches_every_edition()
    {
        index.With(
            Standard(1, "GB/T 50378-2014", "Green building 2014"),
            Standard(2, "GB/T 50378-2019", "Green building 2019"),
            Standard(3, "GB/T 5037-2010", "Something else"));

        var result = index.Search("gbt 50378", r => r.CodeKey = "GBT50378");

        result.Hits.Take(2).Select(h => h.Title).ShouldBe(["Green building 2014", "Green building 2019"], ignoreOrder: true);
    }

    [Fact]
    public void An_association_code_typed_without_punctuation_is_found_by_its_key()
    {
        index.With(Standard(1, "T/CESA 1026-2018", "Artificial intelligence - Deep learning algorithms evaluation"), Article(2, "CESA news"));

        var result = index.Search("TCESA 1026", r => r.CodeKey = "TCESA1026");

        result.Hits[0].Code.ShouldBe("T/CESA 1026-2018");
    }

    [Theory]
    [InlineData("信息安全技术")]
    [InlineData("信息安全")]
    [InlineData("安全技术")]
    public void A_chinese_query_finds_the_chinese_title_that_holds_its_words(string query)
    {
        index.With(
            Standard(1, "GB/T 22239-2019", "Information security technology - Baseline for classified protection", titleZh: "信息安全技术 网络安全等级保护基本要求"),
            Standard(2, "GB/T 32150-2015", "Greenhouse gas emissions accounting", titleZh: "温室气体排放核算"));

        index.Titles(query).ShouldBe(["Information security technology - Baseline for classified protection"]);
    }

    [Fact]
    public void Carbon_emission_in_chinese_finds_its_standard()
    {
        index.With(
            Standard(1, "GB/T 32151-2015", "Greenhouse gas emissions accounting for steel", titleZh: "温室气体排放核算与报告要求 钢铁生产企业"),
            Standard(2, "GB/T 40000-2021", "Carbon emission management", titleZh: "碳排放管理体系"),
            Standard(3, "GB/T 22239-2019", "Information security", titleZh: "信息安全技术"));

        index.Titles("碳排放").ShouldBe(["Carbon emission management"]);
    }

    [Fact]
    public void A_mixed_query_looks_for_the_chinese_and_the_english_words()
    {
        index.With(
            Standard(1, "GB/T 22239-2019", "Information security baseline", titleZh: "信息安全技术"),
            Standard(2, "GB/T 22240-2019", "Grading guide", titleZh: "信息安全技术 定级指南"));

        index.Titles("信息安全 grading").ShouldBe(["Grading guide"]);
    }

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
    public void Snippets_mark_the_matched_words_and_escape_html()
    {
        index.With(Article(1, "Scripted", summary: "Before <script>alert('x')</script> the carbon market & more."));

        var snippet = index.Search("carbon").Hits[0].SnippetHtml;

        snippet.ShouldContain("<mark>carbon</mark>");
        snippet.ShouldNotContain("<script>");
        snippet.ShouldContain("&lt;script&gt;");
        snippet.ShouldContain("&amp; more");
    }

    [Fact]
    public void Snippets_come_from_the_body_when_the_summary_does_not_hold_the_words()
    {
        index.With(Article(1, "Digest", summary: "A summary without the word.", body: string.Join(' ', Enumerable.Repeat("filler", 200)) + " the methane rules start soon"));

        var snippet = index.Search("methane").Hits[0].SnippetHtml;

        snippet.ShouldContain("<mark>methane</mark>");
        snippet.ShouldStartWith("… ");
        snippet.Length.ShouldBeLessThan(400);
    }

    [Fact]
    public void Snippets_mark_both_spellings()
    {
        index.With(Article(1, "Notes", summary: "Standardization and standardisation are one word here."));

        index.Search("standardisation").Hits[0].SnippetHtml.ShouldBe("<mark>Standardization</mark> and <mark>standardisation</mark> are one word here.");
    }

    [Fact]
    public void Without_words_the_snippet_is_the_start_of_the_summary()
    {
        var summary = string.Join(' ', Enumerable.Repeat("word", 100));
        index.With(Article(1, "Long", summary: summary));

        var snippet = index.Search("", r => r.Filters["kind"] = ["article"]).Hits[0].SnippetHtml;

        snippet.ShouldEndWith(" …");
        snippet.Length.ShouldBeLessThanOrEqualTo(245);
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

    [Theory]
    [InlineData("title:x")]
    [InlineData("*:*")]
    [InlineData("carbon~2")]
    [InlineData("carbon^10")]
    [InlineData("a\\b")]
    [InlineData("&|!():*")]
    [InlineData("\"unbalanced")]
    [InlineData("(carbon")]
    [InlineData("[carbon TO z]")]
    [InlineData("\u0000\u0001carbon\u001f")]
    [InlineData("AND OR NOT")]
    [InlineData("-")]
    [InlineData("-\"\"")]
    [InlineData("the of and")]
    [InlineData("碳排放 carbon ёлка مرحبا")]
    [InlineData("\ud800 lone surrogate")]
    public void Hostile_input_never_throws(string input)
    {
        index.With(Article(1, "Carbon title x", summary: "Carbon summary"));

        Should.NotThrow(() => index.Search(input, r => r.CountFacets.AddRange(["kind", "status", "sector"])));
    }

    [Fact]
    public void A_very_long_query_never_throws()
    {
        index.With(Article(1, "Carbon"));

        Should.NotThrow(() => index.Search(string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"w{i}"))));
        Should.NotThrow(() => index.Search(new string('x', 100_000)));
    }

    [Fact]
    public void Lucene_syntax_is_searched_as_words()
    {
        index.With(Article(1, "The title x of nothing"), Article(2, "Other"));

        index.Titles("title:x").ShouldBe(["The title x of nothing"]);
    }
}
