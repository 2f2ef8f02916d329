using System.Globalization;
using System.Net;
using System.Text;
using SesecPortal.Application.Common;

namespace SesecPortal.Application.Features.Mail;

/// <summary>A message ready for the outbox: its subject, an HTML part with the CSS inlined, and a plain-text part.</summary>
public sealed record ComposedMail(string Subject, string Html, string Text);

/// <summary>
/// Writes a message's HTML and plain-text parts side by side, so both say the same; every link absolute
/// (<see cref="SiteAddress"/>). The HTML's stylesheet is moved into style attributes by PreMailer.Net, as mail clients
/// ignore or strip <c>&lt;style&gt;</c>. Unsubscribable mail carries <see cref="UnsubscribePlaceholder"/>, replaced per
/// recipient with a signed address when the message is sent.
/// </summary>
public sealed class MailComposer(SiteAddress site, string subject)
{
    /// <summary>Where each recipient's own unsubscribe address goes; the mail worker puts it in.</summary>
    public const string UnsubscribePlaceholder = "{{unsubscribe-url}}";

    private const string Css = """
        body { margin: 0; padding: 0; background: #f4f5f7; font-family: Georgia, 'Times New Roman', serif; color: #1d2433; }
        .mail { max-width: 640px; margin: 0 auto; background: #ffffff; padding: 24px; }
        .brand { font-family: Arial, Helvetica, sans-serif; font-size: 14px; font-weight: bold; color: #0b4f8a; text-decoration: none; letter-spacing: .04em; }
        h1 { font-size: 24px; line-height: 1.25; margin: 16px 0 8px; color: #1d2433; }
        h2 { font-size: 19px; line-height: 1.3; margin: 24px 0 8px; color: #1d2433; border-bottom: 1px solid #d8dde6; padding-bottom: 4px; }
        p { font-size: 16px; line-height: 1.5; margin: 0 0 12px; }
        a { color: #0b4f8a; }
        .eyebrow { font-family: Arial, Helvetica, sans-serif; font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: #5a6478; margin: 0 0 2px; }
        .item { margin: 0 0 16px; }
        .item-title { font-size: 17px; font-weight: bold; }
        .meta { font-size: 14px; color: #5a6478; }
        .button { display: inline-block; background: #0b4f8a; color: #ffffff; padding: 10px 18px; border-radius: 4px; text-decoration: none; font-family: Arial, Helvetica, sans-serif; font-weight: bold; }
        .footer { margin-top: 32px; padding-top: 12px; border-top: 1px solid #d8dde6; font-size: 13px; color: #5a6478; }
        .footer p { font-size: 13px; }
        """;

    private readonly StringBuilder html = new();
    private readonly StringBuilder text = new();
    private readonly List<(string Label, string Url)> footerLinks = [];
    private string? footerNote;

    public string Subject { get; } = subject;

    public MailComposer Heading(string value)
    {
        html.Append("<h1>").Append(E(value)).Append("</h1>\n");
        text.Append(value).Append('\n').Append(new string('=', Math.Min(value.Length, 72))).Append("\n\n");
        return this;
    }

    public MailComposer Subheading(string value)
    {
        html.Append("<h2>").Append(E(value)).Append("</h2>\n");
        text.Append('\n').Append(value).Append('\n').Append(new string('-', Math.Min(value.Length, 72))).Append("\n\n");
        return this;
    }

    public MailComposer Paragraph(string value)
    {
        html.Append("<p>").Append(E(value)).Append("</p>\n");
        text.Append(value).Append("\n\n");
        return this;
    }

    /// <summary>A call to action: a button in HTML, the address on its own line in text.</summary>
    public MailComposer Button(string label, string path)
    {
        var url = Url(path);
        html.Append("<p><a class=\"button\" href=\"").Append(E(url)).Append("\">").Append(E(label)).Append("</a></p>\n");
        text.Append(label).Append(":\n").Append(url).Append("\n\n");
        return this;
    }

    /// <summary>An entry of a list: a small line above, a linked title, a summary, a note below.</summary>
    public MailComposer Item(string? eyebrow, string title, string? path, string? summary = null, string? note = null)
    {
        html.Append("<div class=\"item\">");
        if (!string.IsNullOrWhiteSpace(eyebrow))
        {
            html.Append("<p class=\"eyebrow\">").Append(E(eyebrow)).Append("</p>");
            text.Append('[').Append(eyebrow).Append("] ");
        }

        if (path is null)
        {
            html.Append("<p class=\"item-title\">").Append(E(title)).Append("</p>");
            text.Append(title).Append('\n');
        }
        else
        {
            var url = Url(path);
            html.Append("<p class=\"item-title\"><a href=\"").Append(E(url)).Append("\">").Append(E(title)).Append("</a></p>");
            text.Append(title).Append('\n').Append(url).Append('\n');
        }

        if (!string.IsNullOrWhiteSpace(summary))
        {
            html.Append("<p>").Append(E(summary)).Append("</p>");
            text.Append(summary).Append('\n');
        }

        if (!string.IsNullOrWhiteSpace(note))
        {
            html.Append("<p class=\"meta\">").Append(E(note)).Append("</p>");
            text.Append(note).Append('\n');
        }

        html.Append("</div>\n");
        text.Append('\n');
        return this;
    }

    /// <summary>The small print: why the reader gets this, and links (preferences, unsubscribe).</summary>
    public MailComposer Footer(string note, params (string Label, string Url)[] links)
    {
        footerNote = note;
        footerLinks.AddRange(links);
        return this;
    }

    public ComposedMail Build()
    {
        var body = new StringBuilder();
        body.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(Subject)).Append("</title><style>").Append(Css).Append("</style></head><body><div class=\"mail\">")
            .Append("<p><a class=\"brand\" href=\"").Append(E(Url("/"))).Append("\">SesecPortal</a></p>\n")
            .Append(html)
            .Append("<div class=\"footer\">");
        var plain = new StringBuilder(text.ToString().TrimEnd()).Append("\n\n-- \n");
        if (footerNote is not null)
        {
            body.Append("<p>").Append(E(footerNote)).Append("</p>");
            plain.Append(footerNote).Append('\n');
        }

        if (footerLinks.Count > 0)
        {
            body.Append("<p>").AppendJoin(" · ", footerLinks.Select(l => $"<a href=\"{E(Url(l.Url))}\">{E(l.Label)}</a>")).Append("</p>");
            foreach (var (label, url) in footerLinks)
            {
                plain.Append(label).Append(": ").Append(Url(url)).Append('\n');
            }
        }

        body.Append("<p>SesecPortal · China standardisation &amp; technical regulation · <a href=\"").Append(E(Url("/"))).Append("\">")
            .Append(E(site.BaseUrl.Host)).Append("</a></p></div></div></body></html>");
        plain.Append("SesecPortal: ").Append(Url("/")).Append('\n');
        var inlined = PreMailer.Net.PreMailer.MoveCssInline(body.ToString(), removeStyleElements: true, removeComments: true).Html;
        return new ComposedMail(Subject, inlined, plain.ToString());
    }

    /// <summary>Absolute addresses stay as they are (and the placeholder too); paths are made absolute.</summary>
    private string Url(string path) =>
        path == UnsubscribePlaceholder || path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? path
            : site.Absolute(path);

    private static string E(string value) => WebUtility.HtmlEncode(value);

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
}
