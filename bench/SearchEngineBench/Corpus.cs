using System.Globalization;
using System.Text;
using System.Text.Json;
using SesecPortal.Search;
using StandardCode = SesecPortal.Application.Domain.StandardCode;

/// <summary>corpus.py lines as the documents the portal's follower will build.</summary>
internal static class Corpus
{
    private static readonly Dictionary<string, string> StandardStatuses = new()
    {
        ["draft"] = "DraftForComments", ["published"] = "Published", ["effective"] = "InForce", ["superseded"] = "Superseded", ["withdrawn"] = "Withdrawn",
    };

    public static SearchDocument ToDocument(string line)
    {
        using var json = JsonDocument.Parse(line);
        var o = json.RootElement;
        var type = o.GetProperty("type").GetString()!;
        var id = int.Parse(o.GetProperty("id").GetString()![1..], CultureInfo.InvariantCulture);
        var sectors = Strings(o, "sectors");
        switch (type)
        {
            case "article":
            {
                var date = Date(o, "published_on");
                return new SearchDocument
                {
                    Kind = "article", Id = id, Slug = o.GetProperty("slug").GetString()!, Title = o.GetProperty("title").GetString()!,
                    Summary = o.GetProperty("summary").GetString(), Body = PlainText(o.GetProperty("body").GetString()), Date = date,
                    Facets = new Dictionary<string, IReadOnlyList<string>> { ["sector"] = sectors, ["year"] = Year(date), ["tag"] = Strings(o, "tags") },
                };
            }

            case "standard":
            {
                var code = o.GetProperty("code").GetString()!;
                var date = Date(o, "published_on");
                var ics = Strings(o, "ics");
                var ccs = o.TryGetProperty("ccs", out var c) ? c.GetString() : null;
                var parsed = StandardCode.TryParse(code, out var sc) ? sc : null;
                var issuer = o.GetProperty("issuer").GetString()!;
                return new SearchDocument
                {
                    Kind = "standard", Id = id, Slug = o.GetProperty("slug").GetString()!, Title = o.GetProperty("title").GetString()!,
                    TitleZh = o.TryGetProperty("title_zh", out var zh) ? zh.GetString() : null, Code = code,
                    CodeKeys = [parsed?.Key ?? StandardCode.KeyOf(code)], Summary = o.GetProperty("scope").GetString(), Date = date,
                    Status = StandardStatuses.GetValueOrDefault(o.GetProperty("status").GetString()!, "InForce"),
                    EffectiveOn = Date(o, "effective_on"), Related = [issuer],
                    Facets = new Dictionary<string, IReadOnlyList<string>>
                    {
                        ["sector"] = sectors, ["year"] = Year(date), ["authority"] = [Slug(issuer)],
                        ["level"] = parsed is null ? [] : [parsed.Level.ToString()],
                        ["ics"] = [.. ics.SelectMany(Ancestors).Distinct()],
                        ["ccs"] = ccs is null ? [] : [ccs[..1], ccs],
                    },
                };
            }

            default:
            {
                var date = Date(o, "issued_on");
                return new SearchDocument
                {
                    Kind = "policy", Id = id, Slug = o.GetProperty("slug").GetString()!, Title = o.GetProperty("title").GetString()!,
                    Code = o.GetProperty("document_number").GetString(), Summary = o.GetProperty("summary").GetString(), Date = date, Status = "Final",
                    Related = [o.GetProperty("authority_name").GetString()!],
                    Facets = new Dictionary<string, IReadOnlyList<string>>
                    {
                        ["sector"] = sectors, ["year"] = Year(date), ["authority"] = [Slug(o.GetProperty("authority").GetString()!)],
                    },
                };
            }
        }
    }

    private static IEnumerable<string> Ancestors(string ics)
    {
        var parts = ics.Split('.');
        for (var i = 1; i <= parts.Length; i++)
        {
            yield return string.Join('.', parts[..i]);
        }
    }

    private static string[] Strings(JsonElement o, string name) =>
        o.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? [.. a.EnumerateArray().Select(x => x.GetString()!)] : [];

    private static DateOnly? Date(JsonElement o, string name) =>
        o.TryGetProperty(name, out var d) && d.ValueKind == JsonValueKind.String ? DateOnly.ParseExact(d.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    private static string[] Year(DateOnly? date) => date is { } d ? [d.Year.ToString(CultureInfo.InvariantCulture)] : [];

    private static string Slug(string name) => string.Join('-', name.ToLowerInvariant().Split(['/', ' ', '(', ')'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Markdown to plain text, cheaply: headings' #, emphasis and list markers dropped (the portal uses Markdig).</summary>
    private static string? PlainText(string? markdown)
    {
        if (markdown is null)
        {
            return null;
        }

        var sb = new StringBuilder(markdown.Length);
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.TrimStart('#', ' ', '-', '>');
            sb.Append(line.Replace("**", "", StringComparison.Ordinal)).Append('\n');
        }

        return sb.ToString();
    }
}
