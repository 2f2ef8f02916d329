using System.Text.Json;
using SesecPortal.Application.Data.Configurations;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.OpenData;

/// <summary>
/// Checks one line of the interchange format with the editors' rules (lengths, slugs, standard codes, dates, web
/// addresses, known sectors) and turns it into an <see cref="ImportItem"/>. Rules that need the database (an address or
/// code another item already has) are checked for a whole batch at once by <see cref="BulkImporter"/>.
/// </summary>
public sealed partial class ImportLineParser(IReadOnlyDictionary<string, int> sectorsBySlug)
{
    public (ImportItem? Item, string? Id, IReadOnlyList<string> Errors) Parse(int line, string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            return (null, null, [$"not valid JSON ({FirstSentence(ex.Message)}); a line cut short, or two lines run together?"]);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null, ["each line must be one JSON object ({…})."]);
            }

            var fields = new ImportFields(document.RootElement);
            var id = fields.String("id", Limits.ExternalId, required: true);
            var type = fields.String("type", 20, required: true);
            ImportItem? item = type switch
            {
                Interchange.Article => ParseArticle(line, id, fields),
                Interchange.Standard => ParseStandard(line, id, fields),
                Interchange.Policy => ParsePolicy(line, id, fields),
                null => null,
                _ => fields.Fail($"unknown type “{Short(type)}”: the types are article, standard and policy."),
            };
            if (id is not null && !IsIdentifier(id))
            {
                fields.Fail("id may use only letters, digits, “-”, “_”, “.” and “:”.");
            }

            return fields.Errors.Count == 0 && item is not null ? (item, id, []) : (null, id, fields.Errors);
        }
    }

    private ArticleLine? ParseArticle(int line, string? id, ImportFields f)
    {
        var title = f.String("title", Limits.Title, required: true);
        var slug = Slug(f);
        var summary = f.String("summary", 1000, required: true);
        var body = f.String("body", Limits.Body, required: true);
        var published = f.Date("published_on", required: true);
        var tags = f.Strings("tags", Limits.Tag);
        if (tags.Length > 20)
        {
            f.Fail("use at most 20 tags.");
        }

        var sectors = Sectors(f, required: true);
        return id is null || title is null || slug is null || summary is null || body is null || published is null
            ? null
            : new ArticleLine(line, id, slug, title.Trim(), summary.Trim(), body, published.Value,
                [.. tags.Select(t => t.TrimStart('#')).Distinct(StringComparer.OrdinalIgnoreCase)], sectors);
    }

    private PolicyLine? ParsePolicy(int line, string? id, ImportFields f)
    {
        var title = f.String("title", Limits.Title, required: true);
        var titleZh = f.String("title_zh", Limits.Title);
        var (previous, versionKind) = VersionLink(id, f);
        var slug = Slug(f);
        var authority = f.String("authority", Limits.Name);
        var authorityName = f.String("authority_name", Limits.Name);
        var number = f.String("document_number", Limits.Code);
        var issued = f.Date("issued_on");
        var summary = f.String("summary", Limits.Summary);
        var source = f.String("source_url", Limits.Url);
        if (!ReferenceData.IsWebAddress(source))
        {
            f.Fail($"source_url “{Short(source!)}”: {ReferenceData.WebAddressMessage}");
        }

        var kindText = f.String("kind", 40);
        var kind = title is null ? PolicyKind.Plan : Interchange.GuessPolicyKind(title);
        if (kindText is not null && !Enum.TryParse(kindText, ignoreCase: true, out kind))
        {
            f.Fail($"kind “{Short(kindText)}” is not one of {string.Join(", ", Enum.GetNames<PolicyKind>())}.");
        }

        var statusText = f.String("status", 40);
        var status = PolicyStatus.Final;
        if (statusText is not null && !Enum.TryParse(statusText, ignoreCase: true, out status))
        {
            f.Fail($"status “{Short(statusText)}” is not one of {string.Join(", ", Enum.GetNames<PolicyStatus>())}.");
        }

        var sectors = Sectors(f, required: false);
        return id is null || title is null || slug is null
            ? null
            : new PolicyLine(line, id, slug, title.Trim(), kind, status, authority?.Trim(), authorityName?.Trim(), number?.Trim(), issued, summary?.Trim(),
                source?.Trim(), sectors)
            {
                TitleZh = titleZh?.Trim(), Previous = previous, VersionKind = versionKind,
            };
    }

    /// <summary><c>previous</c> (the interchange id of the version it follows) and <c>version_kind</c> (how), given together.</summary>
    private static (string? Previous, PolicyVersionKind? Kind) VersionLink(string? id, ImportFields f)
    {
        var previous = f.String("previous", Limits.ExternalId)?.Trim();
        var kindText = f.String("version_kind", 40);
        PolicyVersionKind? kind = null;
        if (kindText is not null)
        {
            if (PolicyVersionKinds.TryParse(kindText, out var parsed))
            {
                kind = parsed;
            }
            else
            {
                f.Fail($"version_kind “{Short(kindText)}” is not one of {string.Join(", ", PolicyVersionKinds.Words)}.");
            }
        }

        if (previous is not null && previous == id)
        {
            f.Fail("previous: a policy cannot be its own previous version.");
        }
        else if (previous is not null && kindText is null)
        {
            f.Fail($"version_kind is missing: say how this version follows {Short(previous)} ({string.Join(", ", PolicyVersionKinds.Words)}).");
        }
        else if (previous is null && kindText is not null)
        {
            f.Fail("version_kind is given without previous: name the interchange id of the version this one follows.");
        }

        return (previous, kind);
    }

    private static string? Slug(ImportFields f)
    {
        var slug = f.String("slug", Limits.Slug, required: true);
        if (slug is not null && !Domain.Slug.IsValid(slug))
        {
            f.Fail($"slug “{Short(slug)}”: {ReferenceData.SlugMessage.Replace(", or leave it empty to make one from the title", "", StringComparison.Ordinal)}");
        }

        return slug;
    }

    private int[] Sectors(ImportFields f, bool required)
    {
        var slugs = f.Strings("sectors", Limits.Slug);
        if (required && slugs.Length == 0 && f.Has("sectors"))
        {
            f.Fail("sectors: give at least one sector: readers browse articles by sector.");
        }
        else if (required && !f.Has("sectors"))
        {
            f.Fail("sectors is missing: give at least one sector slug.");
        }

        var ids = new List<int>();
        foreach (var slug in slugs)
        {
            if (sectorsBySlug.TryGetValue(slug, out var sectorId))
            {
                if (!ids.Contains(sectorId))
                {
                    ids.Add(sectorId);
                }
            }
            else
            {
                f.Fail($"sector “{Short(slug)}” is not one of the portal's sectors ({string.Join(", ", sectorsBySlug.Keys.Order(StringComparer.Ordinal))}).");
            }
        }

        return [.. ids];
    }

    private static bool IsIdentifier(string id) => id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    internal static string Short(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "…");

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.');
    }
}
