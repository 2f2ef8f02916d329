using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// The bot trap of the public forms (sign-up, newsletter), with no third-party captcha: a field people do not see
/// (hidden from them and from screen readers) that bots fill in, and the time the form was shown, signed, which must be
/// at least <c>Accounts:FormMinimumSeconds</c> (3) before it is sent. A form that falls in gets the usual answer and
/// does nothing, so a bot learns nothing.
/// </summary>
public sealed class BotTrap(IDataProtectionProvider protection, IConfiguration configuration, TimeProvider clock)
{
    private readonly IDataProtector protector = protection.CreateProtector("SesecPortal.FormShownAt.v1");

    public string Stamp() => protector.Protect(clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    public bool Caught(string? honeypot, string? stamp)
    {
        if (!string.IsNullOrEmpty(honeypot) || string.IsNullOrEmpty(stamp))
        {
            return true;
        }

        try
        {
            var shown = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(protector.Unprotect(stamp), CultureInfo.InvariantCulture));
            var minimum = TimeSpan.FromSeconds(configuration.GetValue("Accounts:FormMinimumSeconds", 3.0));
            return clock.GetUtcNow() - shown < minimum;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or OverflowException)
        {
            return true;
        }
    }
}
