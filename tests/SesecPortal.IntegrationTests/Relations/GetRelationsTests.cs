using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Policies;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Application.Features.WorkingGroups;

namespace SesecPortal.IntegrationTests.Relations;

/// <summary>Relations read from both ends, shown once, in a fixed number of queries.</summary>
public sealed class GetRelationsTests(IntegrationFixture fixture) : KnowledgeGraphTest(fixture)
{
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
}
