using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SesecPortal.Application.Domain;

/// <summary>
/// The secret in a private feed's address: 32 random bytes, base64url (43 characters). Only its SHA-256 (hex) is
/// stored, so the database never holds an address that works; a feed is found by the hash of the token it was asked with.
/// </summary>
public static class FeedToken
{
    public const int Length = 43;

    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Whether the text could be a token at all: anything else is refused without asking the database.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
