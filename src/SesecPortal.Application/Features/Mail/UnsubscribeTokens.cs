using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace SesecPortal.Application.Features.Mail;

/// <summary>
/// The secret in an unsubscribe address: what it stops (<c>alerts:12</c>, <c>newsletter:34</c>) signed and encrypted
/// with ASP.NET Core Data Protection (keys in PostgreSQL, shared by every instance), so it works without signing in and
/// cannot be made or altered by anyone else. It does not expire: an old mail's link keeps working.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("SesecPortal.Unsubscribe.v1");

    public string Create(string scope) => protector.Protect(scope);

    /// <summary>The scope a token names; null for anything tampered with, truncated or made up.</summary>
    public string? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static string Alerts(int watchlistId) => $"alerts:{watchlistId}";

    public static string Newsletter(int subscriptionId) => $"newsletter:{subscriptionId}";
}
