using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;

namespace SesecPortal.Application.Features.Accounts;

internal static class IdentityResults
{
    /// <summary>Identity's errors (weak password, e-mail taken) as validation failures, so pages show them by their field.</summary>
    public static void ThrowIfFailed(IdentityResult result, string property)
    {
        if (!result.Succeeded)
        {
            throw new ValidationException(result.Errors.Select(e => new ValidationFailure(
                e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "Email" : property,
                e.Description)));
        }
    }
}
