using System.Data.Common;
using System.Net;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Organisations;
using SesecPortal.Application.Features.Policies;
using SesecPortal.Application.Features.Relations;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Application.Features.WorkingGroups;
using SesecPortal.Application.Seed;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests;

/// <summary>
/// The knowledge graph on real PostgreSQL: plan numbers and the standards they became, supersession chains, typed
/// relations seen from both ends (handlers and pages), the seed's relations, organisation pages, and query counts.
/// </summary>
public sealed class KnowledgeGraphTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string Guideline = "information-security-technology-guideline-for-identification-of-critical-data";
    private const string NetworkDataRules = "administrative-rules-security-network-data";

    // ---- seed relations ------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_seed_relations_are_loaded_once()
    {
        var expected = SeedLoader.ReadEmbedded().Relations.Count;
        await using var db = Fixture.Database.CreateDbContext();

        (await db.Relations.CountAsync(Ct)).ShouldBe(expected);
        (await Fixture.Database.SeedAsync()).ShouldBe(0);
        (await db.Relations.CountAsync(Ct)).ShouldBe(expected);
    }

    [Fact]
    public async Task A_seed_relation_with_an_unknown_end_is_refused_naming_it()
    {
        var seed = SeedLoader.Parse("""
            relations:
              - subject: { standard: "GB/T 99999-2099" }
                type: Implements
                object: { policy: no-such-policy }
              - subject: { organisation: cac }
                type: Befriends
                object: { organisation: sac }
            """);
        await using var scope = Fixture.CreateScope();
        var loader = ActivatorUtilities.CreateInstance<SeedLoader>(scope.ServiceProvider);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => loader.LoadAsync(seed, Ct));

        error.Message.ShouldContain("standard 'GB/T 99999-2099' is not in the seed");
        error.Message.ShouldContain("'no-such-policy' is not in the seed");
        error.Message.ShouldContain("'Befriends' is not a RelationType");
    }

    // ---- relations from both ends --------------------------------------------------------------------------------

    [Fact]
    public async Task A_relation_is_listed_on_both_ends_with_the_words_for_each_direction()
    {
        var standard = (await SendAsync(new GetStandard.Query(Guideline))).ShouldNotBeNull();
        var policy = (await SendAsync(new GetPolicy.Query(NetworkDataRules))).ShouldNotBeNull();

        var implements = standard.Relations["This standard implements"].ShouldNotBeNull();
        implements.Items.ShouldHaveSingleItem().Url.ShouldBe($"/policies/{NetworkDataRules}");
        implements.Items[0].Title.ShouldBe("Administrative rules on the security of network data");
        implements.Items[0].Note.ShouldNotBeNull().ShouldContain("developed exactly for this purpose");
        var implementedBy = policy.Relations["Implemented by"].ShouldNotBeNull();
        implementedBy.Items.ShouldHaveSingleItem().Url.ShouldBe($"/standards/{Guideline}");
        // The policy's authority (a column fact) is in the same list of links.
        policy.Relations["Issued by"].ShouldNotBeNull().Items.ShouldHaveSingleItem().Url.ShouldBe("/organisations/cac");
    }

    [Fact]
    public async Task Both_pages_link_to_each_other_under_their_headings()
    {
        var (_, standardPage) = await GetPageAsync($"/standards/{Guideline}");
        var (_, policyPage) = await GetPageAsync($"/policies/{NetworkDataRules}");

        var outgoing = standardPage.QuerySelector("#rel-implements-outgoing").ShouldNotBeNull();
        outgoing.QuerySelector("h3")!.TextContent.Trim().ShouldBe("This standard implements");
        outgoing.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldBe([$"/policies/{NetworkDataRules}"]);
        var incoming = policyPage.QuerySelector("#rel-implements-incoming").ShouldNotBeNull();
        incoming.QuerySelector("h3")!.TextContent.Trim().ShouldBe("Implemented by");
        incoming.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldBe([$"/standards/{Guideline}"]);
        policyPage.QuerySelector("section.relations h2")!.TextContent.ShouldBe("Connections");
    }

    [Fact]
    public async Task A_link_kept_both_as_a_column_and_as_a_relation_is_shown_once()
    {
        await using (var db = Fixture.Database.CreateDbContext())
        {
            var standard = await db.Standards.SingleAsync(s => s.Slug == "t-cesa-1169-2021", Ct);
            db.Relations.Add(new Relation
            {
                SubjectKind = ItemKind.Standard, SubjectId = standard.Id, Type = RelationType.DraftedBy,
                ObjectKind = ItemKind.WorkingGroup, ObjectId = standard.CommitteeId!.Value, Note = "recorded twice on purpose",
            });
            await db.SaveChangesAsync(Ct);
        }

        await EvictPublicPagesAsync();
        var standardResult = (await SendAsync(new GetStandard.Query("t-cesa-1169-2021"))).ShouldNotBeNull();
        var group = (await SendAsync(new GetWorkingGroup.Query("tc28-sc42-chip-and-system", false))).ShouldNotBeNull();

        standardResult.Relations["Drafted by"].ShouldNotBeNull().Items.ShouldHaveSingleItem().Note.ShouldBe("recorded twice on purpose");
        group.Relations["Standards drafted by this working group"].ShouldNotBeNull().Items.Count(i => i.Url == "/standards/t-cesa-1169-2021").ShouldBe(1);
        var (_, page) = await GetPageAsync("/working-groups/tc28-sc42-chip-and-system");
        page.QuerySelectorAll("section.relations a[href='/standards/t-cesa-1169-2021']").Length.ShouldBe(1);
    }

    [Fact]
    public async Task A_working_group_lists_what_it_drafted_from_its_committee_column_and_the_seed_relations()
    {
        var group = (await SendAsync(new GetWorkingGroup.Query("tc28-sc42-knowledge-graph", false))).ShouldNotBeNull();

        var drafted = group.Relations["Standards drafted by this working group"].ShouldNotBeNull().Items.Select(i => i.Title).ToList();
        drafted.ShouldContain("20192137-T-469"); // committee column
        drafted.ShouldContain("IEEE P2807.4");   // seed relation
        drafted.ShouldContain("ISO/IEC WD 5329");
        var trust = (await SendAsync(new GetWorkingGroup.Query("tc28-sc42-trustworthiness-research", false))).ShouldNotBeNull();
        trust.Relations["Standards drafted by this working group"].ShouldNotBeNull().Items.Select(i => i.Title).ShouldBe(["T/CESA 1026—2018", "T/CESA 1036—2019"]);
        trust.Relations["Led by"].ShouldNotBeNull().Items[0].Note.ShouldBe("Group leader: Xue Yunzhi");
    }

    // ---- organisation pages --------------------------------------------------------------------------------------

    [Fact]
    public async Task An_organisation_lists_what_it_issued_leads_takes_part_in_and_drafted()
    {
        await using (var db = Fixture.Database.CreateDbContext())
        {
            var huawei = await db.Organisations.SingleAsync(o => o.Slug == "huawei", Ct);
            var sc42 = await db.WorkingGroups.SingleAsync(w => w.Slug == "tc28-sc42", Ct);
            db.Relations.Add(new Relation { SubjectKind = ItemKind.Organisation, SubjectId = huawei.Id, Type = RelationType.MemberOf, ObjectKind = ItemKind.WorkingGroup, ObjectId = sc42.Id });
            await db.SaveChangesAsync(Ct);
        }

        await EvictPublicPagesAsync();
        var huaweiResult = (await SendAsync(new GetOrganisation.Query("huawei"))).ShouldNotBeNull();
        var tc260 = (await SendAsync(new GetOrganisation.Query("sac-tc260"))).ShouldNotBeNull();
        var cac = (await SendAsync(new GetOrganisation.Query("cac"))).ShouldNotBeNull();

        huaweiResult.Relations["Leads"].ShouldNotBeNull().Items.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            i => i.Url.ShouldBe("/working-groups/tc28-sc42-chip-and-system"), i => i.Note.ShouldBe("Group leader"));
        huaweiResult.Relations["Member of"].ShouldNotBeNull().Items.ShouldHaveSingleItem().Url.ShouldBe("/working-groups/tc28-sc42");
        tc260.Relations["Issued"].ShouldNotBeNull().Items.ShouldHaveSingleItem().Url.ShouldBe($"/standards/{Guideline}");
        tc260.Relations["Drafted"].ShouldNotBeNull().Items.ShouldHaveSingleItem().Url.ShouldBe($"/standards/{Guideline}");
        cac.Relations["Issued"].ShouldNotBeNull().Items.Select(i => i.Url).ShouldBe(
            ["/policies/measures-security-assessment-cross-border-data-transfer", $"/policies/{NetworkDataRules}"], ignoreOrder: true);

        var (_, page) = await GetPageAsync("/organisations/huawei");
        page.QuerySelectorAll("section.relations h3").Select(h => h.TextContent.Trim()).ShouldBe(["Leads", "Member of"]);
        page.QuerySelector("#rel-memberof-outgoing a")!.GetAttribute("href").ShouldBe("/working-groups/tc28-sc42");
        var (_, cacPage) = await GetPageAsync("/organisations/cac");
        cacPage.QuerySelectorAll("#rel-issuedby-incoming a").Select(a => a.GetAttribute("href"))
            .ShouldContain("/policies/measures-security-assessment-cross-border-data-transfer");
    }

    // ---- plan numbers ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_plan_number_and_the_standard_it_became_link_to_each_other()
    {
        await AddStandardAsync("GB/T 41867-2022", "Information technology - Computer vision - Terminology", StandardStatus.Published,
            published: new DateOnly(2022, 10, 12), effective: new DateOnly(2023, 5, 1), plan: "20190805-T-469");

        var plan = (await SendAsync(new GetStandard.Query("20190805-t-469"))).ShouldNotBeNull();
        var standard = (await SendAsync(new GetStandard.Query("gb-t-41867-2022"))).ShouldNotBeNull();

        plan.Became.ShouldNotBeNull().Slug.ShouldBe("gb-t-41867-2022");
        plan.Became.Title.ShouldBe("GB/T 41867-2022");
        standard.DraftedUnder.ShouldNotBeNull().Code.ShouldBe("20190805-T-469");
        standard.DraftedUnder.Record.ShouldNotBeNull().Slug.ShouldBe("20190805-t-469");
        standard.Timeline[0].Label.ShouldBe("Registered as plan number 20190805-T-469");

        var (_, planPage) = await GetPageAsync("/standards/20190805-t-469");
        var (_, standardPage) = await GetPageAsync("/standards/gb-t-41867-2022");
        planPage.QuerySelector("dd.plan-became a")!.GetAttribute("href").ShouldBe("/standards/gb-t-41867-2022");
        planPage.QuerySelector("dl.facts")!.TextContent.ShouldContain("Became");
        standardPage.QuerySelector("dd.plan-number a")!.GetAttribute("href").ShouldBe("/standards/20190805-t-469");
        standardPage.QuerySelector("dl.facts")!.TextContent.ShouldContain("Drafted under plan number");
    }

    [Fact]
    public async Task A_plan_number_the_portal_has_no_record_of_leads_to_the_standard_it_became()
    {
        await AddStandardAsync("GB/T 42000-2022", "A standard drafted under a plan the portal never recorded", StandardStatus.Published,
            published: new DateOnly(2022, 12, 1), plan: "20214321-T-469");

        var result = await SendAsync(new SearchPortal.Query("20214321T469"));
        var standard = (await SendAsync(new GetStandard.Query("gb-t-42000-2022"))).ShouldNotBeNull();
        using var client = Fixture.CreateClient();
        var response = await client.GetAsync(new Uri("/search?q=20214321-T-469", UriKind.Relative), Ct);

        result.ExactMatchUrl.ShouldBe("/standards/gb-t-42000-2022");
        result.Messages.ShouldContain("Plan number 20214321-T-469 became GB/T 42000-2022.");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/standards/gb-t-42000-2022");
        standard.DraftedUnder.ShouldNotBeNull().Record.ShouldBeNull();
    }

    // ---- supersession chains -------------------------------------------------------------------------------------

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

    // ---- timeline on a chosen day --------------------------------------------------------------------------------

    [Fact]
    public async Task The_timeline_marks_the_coming_into_force_as_upcoming_before_its_day()
    {
        var before = await StandardOn("gb-55015-2021", new DateOnly(2022, 3, 31));
        var after = await StandardOn("gb-55015-2021", new DateOnly(2022, 4, 1));

        before.Status.ShouldBe("Published, in force from 1 April 2022");
        before.Timeline.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Label.ShouldBe("In force"), e => e.HasHappened.ShouldBeFalse());
        after.Status.ShouldBe("In force");
        after.Timeline.ShouldHaveSingleItem().HasHappened.ShouldBeTrue();
    }

    [Fact]
    public async Task Stored_events_join_the_timeline()
    {
        await using (var db = Fixture.Database.CreateDbContext())
        {
            var standard = await db.Standards.SingleAsync(s => s.Slug == "gb-55015-2021", Ct);
            standard.Events.Add(new StandardEvent { Kind = StandardEventKind.Amended, On = new DateOnly(2023, 3, 1), Note = "Amendment No. 1" });
            await db.SaveChangesAsync(Ct);
        }

        var result = await StandardOn("gb-55015-2021", new DateOnly(2023, 1, 1));

        result.Timeline.Select(e => (e.Label, e.HasHappened)).ShouldBe([("In force", true), ("Amended", false)]);
        result.Timeline[1].Note.ShouldBe("Amendment No. 1");
    }

    // ---- no N+1 ----------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Relations_are_read_in_the_same_number_of_queries_however_many_there_are()
    {
        int orgId;
        await using (var db = Fixture.Database.CreateDbContext())
        {
            orgId = await db.Organisations.Where(o => o.Slug == "huawei").Select(o => o.Id).SingleAsync(Ct);
        }

        var before = await CountRelationQueriesAsync(orgId);
        await using (var db = Fixture.Database.CreateDbContext())
        {
            var groups = await db.WorkingGroups.Select(w => w.Id).ToListAsync(Ct);
            var standards = await db.Standards.Select(s => s.Id).Take(20).ToListAsync(Ct);
            var policies = await db.Policies.Select(p => p.Id).Take(10).ToListAsync(Ct);
            db.Relations.AddRange(groups.Select(g => new Relation { SubjectKind = ItemKind.Organisation, SubjectId = orgId, Type = RelationType.MemberOf, ObjectKind = ItemKind.WorkingGroup, ObjectId = g }));
            db.Relations.AddRange(standards.Select(s => new Relation { SubjectKind = ItemKind.Standard, SubjectId = s, Type = RelationType.DraftedBy, ObjectKind = ItemKind.Organisation, ObjectId = orgId }));
            db.Relations.AddRange(policies.Select(p => new Relation { SubjectKind = ItemKind.Organisation, SubjectId = orgId, Type = RelationType.References, ObjectKind = ItemKind.Policy, ObjectId = p }));
            await db.SaveChangesAsync(Ct);
        }

        var after = await CountRelationQueriesAsync(orgId);

        after.Items.ShouldBeGreaterThan(before.Items + 30);
        after.Queries.ShouldBeLessThanOrEqualTo(8);
        after.Queries.ShouldBeLessThanOrEqualTo(before.Queries + 2, "one more query per kind of linked item, never one per link");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    private async Task<(int Queries, int Items)> CountRelationQueriesAsync(int organisationId)
    {
        var counter = new CommandCounter();
        await using var db = CountedDbContext(counter);
        var result = await new GetRelations.Handler(db, new SesecPortal.Web.Infrastructure.PortalAddresses()).Handle(new GetRelations.Query(ItemKind.Organisation, organisationId), Ct);
        return (counter.Count, result.Groups.Sum(g => g.Items.Count));
    }

    private async Task<GetStandard.Result> StandardOn(string slug, DateOnly day)
    {
        await using var scope = Fixture.CreateScope();
        var services = scope.ServiceProvider;
        var clock = new FakeTimeProvider(new DateTimeOffset(day.Year, day.Month, day.Day, 9, 0, 0, TimeSpan.Zero));
        var handler = new GetStandard.Handler(
            services.GetRequiredService<PortalDbContext>(), services.GetRequiredService<MarkdownRenderer>(), clock, services.GetRequiredService<IMediator>());
        return (await handler.Handle(new GetStandard.Query(slug), Ct)).ShouldNotBeNull();
    }

    private static Standard NewStandard(string code, string title, StandardStatus status, DateOnly? published, DateOnly? effective)
    {
        var standard = new Standard { Slug = Slug.From(code), TitleEn = title, Status = status, PublishedOn = published, EffectiveOn = effective };
        standard.SetCode(code);
        return standard;
    }

    private async Task AddStandardAsync(string code, string title, StandardStatus status, DateOnly? published = null, DateOnly? effective = null, string? plan = null)
    {
        await using var db = Fixture.Database.CreateDbContext();
        var standard = NewStandard(code, title, status, published, effective);
        standard.SetPlanCode(plan);
        db.Standards.Add(standard);
        await db.SaveChangesAsync(Ct);
        await EvictPublicPagesAsync();
    }

    /// <summary>GB/T 90001-2005 and GB/T 90002-2008, both replaced by GB/T 90001-2012, replaced by GB/T 90001-2020.</summary>
    private async Task AddChainAsync()
    {
        await using var db = Fixture.Database.CreateDbContext();
        var a = NewStandard("GB/T 90001-2005", "Test chain, first edition", StandardStatus.Superseded, new DateOnly(2005, 3, 1), new DateOnly(2005, 9, 1));
        var a2 = NewStandard("GB/T 90002-2008", "Test chain, merged standard", StandardStatus.Superseded, new DateOnly(2008, 3, 1), null);
        var b = NewStandard("GB/T 90001-2012", "Test chain, second edition", StandardStatus.Superseded, new DateOnly(2012, 12, 1), new DateOnly(2013, 6, 1));
        var c = NewStandard("GB/T 90001-2020", "Test chain, third edition", StandardStatus.InForce, new DateOnly(2020, 4, 1), new DateOnly(2020, 11, 1));
        a.ReplacedBy = b;
        a2.ReplacedBy = b;
        b.ReplacedBy = c;
        db.Standards.AddRange(a, a2, b, c);
        await db.SaveChangesAsync(Ct);
        await EvictPublicPagesAsync();
    }

    /// <summary>Public pages are output-cached across tests; a test that changes data evicts them, as the editors' commands do.</summary>
    private async Task EvictPublicPagesAsync() => await Fixture.Factory.Services.GetRequiredService<IPublicCache>().EvictAsync(Ct);

    private PortalDbContext CountedDbContext(CommandCounter counter)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDbContext.Configure(options, Fixture.Database.ConnectionString);
        options.AddInterceptors(counter);
        return new PortalDbContext(options.Options);
    }

    /// <summary>Counts the SQL commands a handler sends: the proof that a list is read set-based, not one query per row.</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int count;

        public int Count => count;

        public void Reset() => count = 0;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
