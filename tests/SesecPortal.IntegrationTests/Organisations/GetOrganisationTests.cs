using SesecPortal.Application.Features.Organisations;

namespace SesecPortal.IntegrationTests.Organisations;

/// <summary>Reading organisations of the seed.</summary>
public sealed class GetOrganisationTests(IntegrationFixture fixture) : SeedReadTest(fixture)
{
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
