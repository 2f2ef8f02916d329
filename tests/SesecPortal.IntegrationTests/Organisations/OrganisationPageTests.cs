using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Organisations;
using SesecPortal.IntegrationTests.Relations;

namespace SesecPortal.IntegrationTests.Organisations;

/// <summary>An organisation's page lists what it is linked to.</summary>
public sealed class OrganisationPageTests(IntegrationFixture fixture) : KnowledgeGraphTest(fixture)
{
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
}
