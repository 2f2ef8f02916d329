using SesecPortal.Application.Features.Policies;
using SesecPortal.IntegrationTests.Editorial;

namespace SesecPortal.IntegrationTests.Policies;

/// <summary>Editors create and delete policies through the handlers (issue 4).</summary>
public sealed class EditPolicyTests(IntegrationFixture fixture) : ReferenceDataTest(fixture)
{
    [Fact]
    public async Task A_policy_keeps_its_issuing_authorities_in_the_order_given_and_can_be_deleted()
    {
        var (miit, ndrc, sac) = (await IdAsync(db => db.Organisations, "miit"), await IdAsync(db => db.Organisations, "ndrc"), await IdAsync(db => db.Organisations, "sac"));
        var command = NewPolicy("Action Plan for Hydrogen", await IdAsync(db => db.Sectors, "energy-environment"));
        command.IssuedOn = "2022-03";
        command.Authorities = [new() { OrganisationId = ndrc }, new(), new() { OrganisationId = miit }, new() { OrganisationId = sac, Remove = true }];
        var id = await AsEditorAsync(command);

        var policy = (await SendAsync(new GetPolicy.Query("action-plan-for-hydrogen"))).ShouldNotBeNull();
        policy.Authorities.Select(a => a.Slug).ShouldBe(["ndrc", "miit"]);
        policy.IssuedOn.ShouldBe("March 2022");

        var form = (await SendAsync(new EditPolicy.Query(id))).ShouldNotBeNull();
        form.Authorities.Reverse();
        await AsEditorAsync(form);
        (await SendAsync(new GetPolicy.Query("action-plan-for-hydrogen")))!.Authorities.Select(a => a.Slug).ShouldBe(["miit", "ndrc"]);

        await AsEditorAsync(new DeletePolicy.Command(id));
        (await SendAsync(new GetPolicy.Query("action-plan-for-hydrogen"))).ShouldBeNull();
    }
}
