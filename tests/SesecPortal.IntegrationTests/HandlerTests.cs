using SesecPortal.Application.Features.Articles;
using SesecPortal.Application.Features.Home;
using SesecPortal.Application.Features.Issues;
using SesecPortal.Application.Features.Organisations;
using SesecPortal.Application.Features.Policies;
using SesecPortal.Application.Features.Sectors;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Application.Features.WorkingGroups;

namespace SesecPortal.IntegrationTests;

/// <summary>The read handlers against the seed issue, through the real Mediator pipeline.</summary>
public sealed class HandlerTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string IssueSlug = "december-2021-january-2022";
    private const string ImportantData = "what-is-important-data-new-standard-provides-the-answer";

    [Fact]
    public async Task Home_shows_the_latest_issue_with_its_takeaways_latest_articles_and_sectors()
    {
        var home = await SendAsync(new GetHome.Query());

        home.LatestIssue.ShouldNotBeNull().Title.ShouldBe("December 2021 – January 2022");
        home.LatestIssue.Takeaways.Count.ShouldBe(11);
        home.LatestIssue.Takeaways[0].Title.ShouldBe("China Meets Europe: SESEC Presented at Hamburg Summit");
        home.LatestArticles.Count.ShouldBe(GetHome.LatestArticles);
        home.Sectors.Count.ShouldBe(20);
    }

    [Fact]
    public async Task Issue_lists_its_sections_in_order_with_their_articles()
    {
        var issue = (await SendAsync(new GetIssue.Query(IssueSlug))).ShouldNotBeNull();

        issue.Sections.Select(s => s.Title).ShouldBe(
            ["Horizontal Issues", "Energy efficiency", "Carbon emission", "ICT and digitalization", "Intelligent manufacturing", "Cybersecurity", "Special report", "Annex"]);
        issue.Sections[0].Articles.Select(a => a.Title).ShouldBe(
            ["China Meets Europe: SESEC Presented at Hamburg Summit", "SESEC Roundtable on China Standardisation Outline Successfully Held", "SAC Sets Plan for the Development of National Standards in the Next Five Years"]);
        issue.Sections.Sum(s => s.Articles.Count).ShouldBe(13);
        issue.Period.ShouldBe("1 December 2021 – 31 January 2022");
        issue.AboutHtml.ShouldContain("SESEC");
    }

    [Fact]
    public async Task Unknown_issue_is_not_found()
    {
        (await SendAsync(new GetIssue.Query("no-such-issue"))).ShouldBeNull();
    }

    [Fact]
    public async Task Listing_issues_counts_their_articles()
    {
        var issues = await SendAsync(new ListIssues.Query());

        issues.ShouldHaveSingleItem().Articles.ShouldBe(13);
    }

    [Fact]
    public async Task Article_links_to_what_it_talks_about_and_to_its_neighbours()
    {
        var article = (await SendAsync(new GetArticle.Query(ImportantData))).ShouldNotBeNull();

        article.EventDate.ShouldBe("13 January 2022");
        article.Tags.ShouldBe(["Key data"]);
        article.Sectors.Select(s => s.Slug).ShouldContain("cybersecurity");
        article.Standards.Select(s => s.Slug).ShouldContain("information-security-technology-guideline-for-identification-of-critical-data");
        article.Organisations.Select(o => o.Slug).ShouldContain("sac-tc260");
        article.Sources.ShouldContain(s => s.Slug.StartsWith("https://www.tc260.org.cn/", StringComparison.Ordinal));
        article.BodyHtml.ShouldContain("13 March 2022");
        var placement = article.Issue.ShouldNotBeNull();
        placement.Section.Title.ShouldBe("Cybersecurity");
        placement.Previous.ShouldNotBeNull().Slug.ShouldBe("china-cross-border-data-transfer-administration-specified-in-detail");
        placement.Next.ShouldNotBeNull().Slug.ShouldBe("2022-annual-plan-and-updates-of-chinese-ai-standards-formulation");
    }

    [Fact]
    public async Task Special_report_rebuilds_the_working_groups_tables_without_phone_numbers()
    {
        var article = (await SendAsync(new GetArticle.Query("2022-annual-plan-and-updates-of-chinese-ai-standards-formulation"))).ShouldNotBeNull();

        article.BodyHtml.ShouldContain("<table>");
        article.BodyHtml.ShouldNotContain("15624952070");
        article.BodyHtml.ShouldNotContain("64102859");
        article.WorkingGroups.Count.ShouldBe(10);
    }

    [Fact]
    public async Task Sector_groups_everything_tagged_with_it_by_kind()
    {
        var sector = (await SendAsync(new GetSector.Query("carbon"))).ShouldNotBeNull();

        sector.Name.ShouldBe("Carbon emission");
        sector.Articles.Items.Select(a => a.Slug).ShouldContain("action-plan-for-carbon-emission-peak-before-2030-put-forward-in-china");
        sector.Policies.Items.Select(p => p.Slug).ShouldContain("carbon-peak-action-plan-before-2030");
        sector.Standards.Items.Select(s => s.Slug).ShouldContain("gb-55015-2021");
        sector.Articles.Total.ShouldBe(sector.Articles.Items.Count);
    }

    [Fact]
    public async Task Sector_counts_add_up_to_what_each_sector_page_shows()
    {
        var sectors = await SendAsync(new ListSectors.Query());
        var ai = sectors.Single(s => s.Slug == "ai");
        var page = (await SendAsync(new GetSector.Query("ai"))).ShouldNotBeNull();

        ai.Articles.ShouldBe(page.Articles.Total);
        ai.Standards.ShouldBe(page.Standards.Total);
        ai.WorkingGroups.ShouldBe(page.WorkingGroups.Total);
        ai.Standards.ShouldBeGreaterThan(20);
    }

    [Fact]
    public async Task Policy_shows_its_authorities_lead_first_and_the_articles_about_it()
    {
        var policy = (await SendAsync(new GetPolicy.Query("opinions-strictly-regulating-energy-efficiency-key-areas"))).ShouldNotBeNull();

        policy.Authorities.Select(a => a.Slug).ShouldBe(["ndrc", "nea", "miit", "mee", "samr"]);
        policy.IssuedOn.ShouldBe("18 October 2021");
        policy.Kind.ShouldBe("Opinions");
        policy.Articles.Select(a => a.Slug).ShouldContain("china-to-strictly-regulate-energy-efficiency");
    }

    [Fact]
    public async Task Policy_known_only_to_the_month_shows_the_month()
    {
        var policy = (await SendAsync(new GetPolicy.Query("national-outline-for-standardization-development"))).ShouldNotBeNull();

        policy.IssuedOn.ShouldBe("October 2021");
    }

    [Fact]
    public async Task Standard_status_is_derived_from_its_effective_date_and_today()
    {
        var standard = (await SendAsync(new GetStandard.Query("gb-55015-2021"))).ShouldNotBeNull();

        standard.Code.ShouldBe("GB 55015-2021");
        standard.EffectiveOn.ShouldBe("1 April 2022");
        standard.Status.ShouldBe("In force"); // today is after 1 April 2022
        standard.Level.ShouldBe("Mandatory national standard (GB)");
        standard.Articles.ShouldHaveSingleItem().Slug.ShouldBe("china-first-mandatory-standard-of-carbon-emissions-to-largely-reduce-the-carbon");
    }

    [Fact]
    public async Task Standard_links_to_the_working_groups_that_list_it()
    {
        var standard = (await SendAsync(new GetStandard.Query("t-cesa-1026-2018"))).ShouldNotBeNull();

        standard.Committee.ShouldNotBeNull().Slug.ShouldBe("tc28-sc42-model-and-algorithm");
        standard.WorkItems.Select(w => w.Slug).ShouldBe(["tc28-sc42-model-and-algorithm", "tc28-sc42-trustworthiness-research"], ignoreOrder: true);
    }

    [Fact]
    public async Task Working_group_shows_leaders_achievements_and_ongoing_work_but_no_contacts_to_anonymous_readers()
    {
        var group = (await SendAsync(new GetWorkingGroup.Query("tc28-sc42-trustworthiness-research", IncludeContacts: false))).ShouldNotBeNull();

        group.Ancestors.Select(a => a.Slug).ShouldBe(["tc28", "tc28-sc42"]);
        group.Members[0].Person.ShouldBe("Xue Yunzhi");
        group.Members[0].Role.ShouldBe("Group leader");
        group.Achievements.SelectMany(g => g.Items).Select(i => i.Standard?.Slug).ShouldContain("t-cesa-1026-2018");
        group.OngoingWork.SelectMany(g => g.Items).Select(i => i.Title).ShouldContain("White paper on trustworthy AI standardisation");
        group.ContactCount.ShouldBe(1);
        group.Contacts.ShouldBeEmpty();
    }

    [Fact]
    public async Task Working_group_contacts_are_there_for_signed_in_readers()
    {
        var group = (await SendAsync(new GetWorkingGroup.Query("tc28-sc42-trustworthiness-research", IncludeContacts: true))).ShouldNotBeNull();

        var contact = group.Contacts.ShouldHaveSingleItem();
        contact.Name.ShouldBe("Li Binbin");
        contact.Phones.ShouldBe(["15624952070", "010-64102859"]);
    }

    [Fact]
    public async Task Committee_tree_has_tc28_then_sc42_then_eight_working_groups()
    {
        var tree = await SendAsync(new ListWorkingGroups.Query());

        var tc28 = tree.ShouldHaveSingleItem();
        tc28.Slug.ShouldBe("tc28");
        var sc42 = tc28.Children.ShouldHaveSingleItem();
        sc42.Children.Count.ShouldBe(8);
        sc42.Children[0].Name.ShouldBe("Chip and System Research Work Group");
    }

    [Fact]
    public async Task Organisation_lists_what_it_issued_and_its_roles()
    {
        var miit = (await SendAsync(new GetOrganisation.Query("miit"))).ShouldNotBeNull();
        miit.PoliciesIssued.Select(p => p.Slug).ShouldContain("14th-fyp-intelligent-manufacturing");

        var huawei = (await SendAsync(new GetOrganisation.Query("huawei"))).ShouldNotBeNull();
        huawei.WorkingGroupRoles.ShouldHaveSingleItem().Slug.ShouldBe("tc28-sc42-chip-and-system");

        var tc260 = (await SendAsync(new GetOrganisation.Query("sac-tc260"))).ShouldNotBeNull();
        tc260.Parent.ShouldNotBeNull().Slug.ShouldBe("sac");
        tc260.StandardsIssued.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Organisations_are_grouped_by_kind()
    {
        var groups = await SendAsync(new ListOrganisations.Query());

        groups.Single(g => g.Kind == "Government authority").Organisations.Select(o => o.Slug).ShouldContain("ndrc");
        groups.Sum(g => g.Organisations.Count).ShouldBe(44);
    }
}
