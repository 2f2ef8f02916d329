using System.Text.RegularExpressions;
using MimeKit;

namespace SesecPortal.TestSupport;

/// <summary>What a reader finds in a delivered message: the addresses of its links, in the HTML part and in the text part.</summary>
public static partial class MailLinks
{
    /// <summary>The href of every link of the HTML part, in order.</summary>
    public static IReadOnlyList<Uri> InHtml(MimeMessage message) =>
        [.. Href().Matches(message.HtmlBody ?? "").Select(m => new Uri(System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)))];

    /// <summary>Every address written out in the plain-text part, in order.</summary>
    public static IReadOnlyList<Uri> InText(MimeMessage message) =>
        [.. Address().Matches(message.TextBody ?? "").Select(m => new Uri(m.Value))];

    /// <summary>The first link whose path starts with the given path, present in both parts.</summary>
    public static Uri Find(MimeMessage message, string path)
    {
        var html = InHtml(message).FirstOrDefault(u => u.AbsolutePath.StartsWith(path, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No link to {path} in the HTML part of “{message.Subject}”.");
        if (!InText(message).Contains(html))
        {
            throw new InvalidOperationException($"The text part of “{message.Subject}” lacks {html}.");
        }

        return html;
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Address();
}
