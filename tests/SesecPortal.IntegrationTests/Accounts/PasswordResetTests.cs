using System.Net;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Accounts;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests.Accounts;

/// <summary>A forgotten password is reset through the mailed link.</summary>
public sealed class PasswordResetTests(IntegrationFixture fixture) : AccountAccessTest(fixture)
{
    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_emailed_link()
    {
        await Fixture.CreateUserAsync("forgetful@example.com", Password, Roles.Member);
        using var client = Fixture.CreateSignedInCapableClient();

        var asked = await PostFormAsync(client, "/account/forgot-password", "/account/forgot-password", [new("Input.Email", "forgetful@example.com")]);
        (await asked.Content.ReadAsStringAsync(Ct)).ShouldContain("we have sent it a link");
        var mail = await Fixture.Mail.WaitForAsync("forgetful@example.com", "Reset your SesecPortal password");
        var link = MailLinks.Find(mail, "/account/reset-password");

        var form = await GetPageAsync(link.PathAndQuery);
        var code = form.Document.QuerySelector("input[name='Input.Code']")!.GetAttribute("value")!;
        var reset = await PostFormAsync(client, link.PathAndQuery, "/account/reset-password",
            [new("Input.Email", "forgetful@example.com"), new("Input.Code", code), new("Input.Password", "Brand-New-Pass-7"), new("Input.ConfirmPassword", "Brand-New-Pass-7")]);
        reset.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var signIn = await PostFormAsync(client, "/account/sign-in", "/account/sign-in", [new("Input.Email", "forgetful@example.com"), new("Input.Password", "Brand-New-Pass-7")]);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Asking_for_a_reset_reveals_nothing_about_unknown_addresses()
    {
        await Fixture.CreateUserAsync("somebody@example.com", Password, Roles.Member);
        using var client = Fixture.CreateSignedInCapableClient();

        var unknown = await PostFormAsync(client, "/account/forgot-password", "/account/forgot-password", [new("Input.Email", "nobody@example.com")]);
        var known = await PostFormAsync(client, "/account/forgot-password", "/account/forgot-password", [new("Input.Email", "somebody@example.com")]);

        var unknownText = MainOf(await unknown.Content.ReadAsStringAsync(Ct));
        unknownText.ShouldContain("If an account uses that address");
        unknownText.ShouldBe(MainOf(await known.Content.ReadAsStringAsync(Ct)).Replace("somebody@", "nobody@", StringComparison.Ordinal));
        await Fixture.Mail.WaitForAsync("somebody@example.com", "Reset");
        await using var scope = Fixture.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxMessages.CountAsync(m => m.Recipient == "nobody@example.com", Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task A_forged_reset_code_is_refused_with_a_message()
    {
        await Fixture.CreateUserAsync("victim@example.com", Password, Roles.Member);
        using var client = Fixture.CreateSignedInCapableClient();

        var response = await PostFormAsync(client, "/account/reset-password?email=victim@example.com&code=forged", "/account/reset-password",
            [new("Input.Email", "victim@example.com"), new("Input.Code", "forged"), new("Input.Password", "Brand-New-Pass-7"), new("Input.ConfirmPassword", "Brand-New-Pass-7")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("not valid or has expired");
    }

    [Theory]
    [InlineData("short1A", "at least 12 characters")]
    [InlineData("alllowercase123", "uppercase")]
    [InlineData("ALLUPPERCASE123", "lowercase")]
    [InlineData("NoDigitsHereAtAll", "digit")]
    [InlineData("Aa1Aa1Aa1Aa1", "different characters")]
    public async Task Weak_passwords_are_refused_with_the_reason(string password, string reason)
    {
        var ex = await Should.ThrowAsync<ValidationException>(() => SendCommandAsync(new CreateUser.Command("weak@example.com", null, password, [Roles.Member])));

        ex.Errors.ShouldContain(e => e.PropertyName == "Password" && e.ErrorMessage.Contains(reason, StringComparison.OrdinalIgnoreCase));
    }
}
