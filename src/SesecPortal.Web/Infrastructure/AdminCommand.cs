using FluentValidation;
using Mediator;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Accounts;

namespace SesecPortal.Web.Infrastructure;

/// <summary><c>dotnet run --project src/SesecPortal.Web -- create-admin --email you@example.com [--password ...] [--name ...]</c></summary>
internal static class AdminCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "create-admin";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        string? Option(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var email = Option("--email");
        if (email is null)
        {
            await Console.Error.WriteLineAsync("Usage: create-admin --email you@example.com [--password PASSWORD] [--name \"Display name\"]");
            return 2;
        }

        var password = Option("--password");
        var generated = password is null;
        password ??= Accounts.GeneratePassword();
        await using var scope = services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateUser.Command(email, Option("--name"), password, [Roles.Admin]));
        }
        catch (ValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                await Console.Error.WriteLineAsync($"{error.PropertyName}: {error.ErrorMessage}");
            }

            return 2;
        }

        Console.WriteLine(generated ? $"Created admin {email} with password {password} (shown only this once)." : $"Created admin {email}.");
        return 0;
    }
}
