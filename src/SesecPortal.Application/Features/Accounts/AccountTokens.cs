using System.Buffers.Text;
using System.Text;

namespace SesecPortal.Application.Features.Accounts;

/// <summary>
/// The one-time links of accounts. Identity's tokens are signed by Data Protection and carry the account's security
/// stamp, so a link stops working when it expires or once it has been used (choosing a password changes the stamp).
/// </summary>
public static class AccountTokens
{
    /// <summary>Signing up: the link that confirms the address and lets the member choose a password (24 hours).</summary>
    public const string SignUpProvider = "SignUp";
    /// <summary>An invitation by an admin (7 days).</summary>
    public const string InvitationProvider = "Invitation";
    public const string ActivatePurpose = "activate-account";

    public static readonly TimeSpan SignUpLifespan = TimeSpan.FromHours(24);
    public static readonly TimeSpan InvitationLifespan = TimeSpan.FromDays(7);

    /// <summary>Identity's token as it goes into a link.</summary>
    public static string Encode(string token) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token));

    /// <summary>A link's code back to Identity's token; empty for anything that is not one (which then fails to verify).</summary>
    public static string Decode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 2000)
        {
            return "";
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(code));
        }
        catch (FormatException)
        {
            return "";
        }
    }
}
