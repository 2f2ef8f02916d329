using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Accounts;

namespace SesecPortal.IntegrationTests.Accounts;

/// <summary>Creating accounts: a real address, used by one account only, admins from the command line.</summary>
public sealed class CreateUserTests(IntegrationFixture fixture) : AccountAccessTest(fixture)
{
    [Theory]
    [InlineData("", "Enter an e-mail address.")]
    [InlineData("not-an-address", "Enter an e-mail address like name@example.com.")]
    public async Task A_user_needs_a_real_email_address(string email, string message)
    {
        var ex = await Should.ThrowAsync<ValidationException>(() => SendCommandAsync(new CreateUser.Command(email, null, Password, [Roles.Member])));

        ex.Errors.ShouldContain(e => e.ErrorMessage == message);
    }

    [Fact]
    public async Task An_email_address_is_used_by_one_account_only()
    {
        await Fixture.CreateUserAsync("taken@example.com", Password, Roles.Member);

        var ex = await Should.ThrowAsync<ValidationException>(() => SendCommandAsync(new CreateUser.Command("taken@example.com", null, Password, [Roles.Member])));

        ex.Errors.ShouldContain(e => e.PropertyName == "Email");
    }

    [Fact]
    public async Task The_create_admin_command_creates_an_admin_and_refuses_bad_input()
    {
        var ok = await SesecPortal.Web.Infrastructure.AdminCommand.RunAsync(Fixture.Factory.Services, ["create-admin", "--email", "ops@example.com", "--password", Password]);
        var bad = await SesecPortal.Web.Infrastructure.AdminCommand.RunAsync(Fixture.Factory.Services, ["create-admin", "--email", "not-an-address"]);
        var missing = await SesecPortal.Web.Infrastructure.AdminCommand.RunAsync(Fixture.Factory.Services, ["create-admin"]);

        ok.ShouldBe(0);
        bad.ShouldBe(2);
        missing.ShouldBe(2);
        await using var scope = Fixture.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        (await users.GetRolesAsync((await users.FindByEmailAsync("ops@example.com"))!)).ShouldBe([Roles.Admin]);
    }
}
