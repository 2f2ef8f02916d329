using SesecPortal.Application.Domain;

namespace SesecPortal.IntegrationTests.Accounts;

/// <summary>What is done to accounts is audited.</summary>
public sealed class AccountAuditTests(IntegrationFixture fixture) : SelfServiceTest(fixture)
{
    [Fact]
    public async Task Creating_an_account_from_the_command_line_is_audited()
    {
        await SesecPortal.Web.Infrastructure.AdminCommand.RunAsync(Fixture.Factory.Services, ["create-admin", "--email", "ops@example.com", "--password", Password]);

        var entry = (await AuditAsync("ops@example.com")).ShouldHaveSingleItem();

        entry.Action.ShouldBe("created");
        entry.UserName.ShouldBe("system");
        entry.Detail!.ShouldStartWith("as Admin");
    }

    [Fact]
    public async Task Changing_roles_is_audited_with_who_and_what()
    {
        var id = await Fixture.CreateUserAsync("promoted@example.com", Password, Roles.Member);
        using var admin = await SignedInAsync("chief@example.com", Roles.Admin);

        await PostFormAsync(admin, $"/admin/users/{id}/roles", $"/admin/users/{id}/roles", [new("Roles", Roles.Member), new("Roles", Roles.Editor)]);

        var entry = (await AuditAsync("promoted@example.com")).Last();
        entry.Action.ShouldBe("changed roles");
        entry.UserName.ShouldBe("chief@example.com");
        entry.Detail.ShouldBe("Member → Editor, Member");
    }

    [Fact]
    public async Task Account_actions_are_listed_in_the_audit_log_page()
    {
        using var admin = await SignedInAsync("chief@example.com", Roles.Admin);
        await PostFormAsync(admin, "/admin/users/invite", "/admin/users/invite", [new("Input.Email", "listed@example.com"), new("Input.Role", Roles.Member)]);

        var html = await admin.GetStringAsync(new Uri("/editor/audit?kind=User", UriKind.Relative), Ct);

        html.ShouldContain("invited");
        html.ShouldContain("listed@example.com");
        html.ShouldContain("as Member");
    }
}
