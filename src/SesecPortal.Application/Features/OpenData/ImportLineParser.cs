using System.Globalization;
using System.Text.Json;
using SesecPortal.Application.Data.Configurations;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.Application.Features.OpenData;

/// <summary>
/// Checks one line of the interchange format with the editors' rules (lengths, slugs, standard codes, dates, web
/// addresses, known sectors) and turns it into an <see cref="ImportItem"/>. Rules that need the database (an address or
/// code another item already has) are checked for a whole batch at once by <see cref="BulkImporter"/>.
/// </summary>
public sealed class ImportLineParser(IReadOnlyDictionary<string, int> sectorsBySlug)
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

            var fields = new Fields(document.RootElement);
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

    private ArticleLine? ParseArticle(int line, string? id, Fields f)
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

    private StandardLine? ParseStandard(int line, string? id, Fields f)
    {
        var code = f.String("code", Limits.Code);
        if (code is not null && !StandardCode.TryParse(code, out _))
        {
            f.Fail($"code “{Short(code)}”: {EditStandard.CodeMessage}");
        }

        var title = f.String("title", Limits.Title, required: true);
        var titleZh = f.String("title_zh", Limits.Title);
        var slug = Slug(f);
        var statusWord = f.String("status", 40, required: true);
        var status = StandardStatus.InForce;
        if (statusWord is not null && !Interchange.TryParseStatus(statusWord, out status))
        {
            f.Fail($"status “{Short(statusWord)}” is not one of {string.Join(", ", Interchange.StatusWords)}.");
        }

        var published = f.Date("published_on");
        var effective = f.Date("effective_on");
        var withdrawn = f.Date("withdrawn_on");
        if (effective is not null && published is not null && effective < published && !Interchange.IsDraft(status))
        {
            f.Fail("effective_on: the date it takes effect cannot be before the date it was published.");
        }

        if (withdrawn is not null && published is not null && withdrawn < published)
        {
            f.Fail("withdrawn_on: a standard cannot be withdrawn before it was published.");
        }

        var issuer = f.String("issuer", Limits.Name);
        var scope = f.String("scope", Limits.Summary);
        var supersededBy = f.String("superseded_by", Limits.Code);
        if (supersededBy is not null && !StandardCode.TryParse(supersededBy, out _))
        {
            f.Fail($"superseded_by “{Short(supersededBy)}”: {EditStandard.CodeMessage}");
        }

        var sectors = Sectors(f, required: false);
        var adoptions = Adoptions(f, code);
        var recordUrl = WebAddress(f, "record_url");
        var fullTextUrl = WebAddress(f, "full_text_url");
        var purchaseUrl = WebAddress(f, "purchase_url");
        var organisations = f.Strings("drafting_organisations", Limits.Name).Distinct(StringComparer.Ordinal).ToArray();
        if (organisations.Length > EditStandard.MaxDraftingOrganisations)
        {
            f.Fail($"drafting_organisations: list at most {EditStandard.MaxDraftingOrganisations}.");
        }

        var drafters = f.Strings("drafters", EditStandard.DrafterLength).Distinct(StringComparer.Ordinal).ToArray();
        if (drafters.Length > EditStandard.MaxDrafters)
        {
            f.Fail($"drafters: list at most {EditStandard.MaxDrafters}.");
        }

        var department = f.String("competent_department", Limits.Name);
        var editionNote = f.String("edition_note", Limits.Summary);
        var (amendments, reviews) = Events(f);
        var ics = f.Strings("ics", Limits.Code).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var unknown in ics.Where(c => !Classification.IsIcs(c)))
        {
            f.Fail($"ics “{Short(unknown)}” is not a group of the ICS (7th edition): {Classification.IcsMessage}");
        }

        if (ics.Length > Classification.MaxIcsCodes)
        {
            f.Fail($"ics: give at most {Classification.MaxIcsCodes} codes.");
        }

        var ccsText = f.String("ccs", Limits.Code);
        string? ccs = null;
        if (ccsText is not null && !Classification.TryParseCcs(ccsText, out ccs))
        {
            f.Fail($"ccs “{Short(ccsText)}”: {Classification.CcsMessage}");
        }

        var planNumber = f.String("plan_number", Limits.Code);
        if (planNumber is not null && !(StandardCode.TryParse(planNumber, out var plan) && plan.Level is StandardLevel.NationalPlan or StandardLevel.AssociationPlan))
        {
            f.Fail($"plan_number “{Short(planNumber)}” is not a plan number: write it like 20190805-T-469 (or CESA-2020-2-019 for an association's plan).");
        }

        var planDeadline = f.Date("plan_deadline");
        if (planDeadline is not null && (NationalPlan.Parse(code) ?? NationalPlan.Parse(planNumber)) is null)
        {
            f.Fail("plan_deadline: a deadline belongs to a national plan: give the plan number as the code or as plan_number.");
        }

        var planStages = PlanStages(f);
        return id is null || title is null || slug is null || statusWord is null
            ? null
            : new StandardLine(line, id, slug, code?.Trim(), title.Trim(), titleZh?.Trim(), status, published, effective, withdrawn, issuer?.Trim(),
                scope?.Trim(), supersededBy?.Trim(), sectors)
            {
                Adoptions = adoptions, RecordUrl = recordUrl, FullTextUrl = fullTextUrl, PurchaseUrl = purchaseUrl,
                DraftingOrganisations = organisations, Drafters = drafters, CompetentDepartment = department?.Trim(),
                EditionNote = editionNote?.Trim(), Amendments = amendments, Reviews = reviews, Ics = ics, Ccs = ccs,
                PlanNumber = planNumber?.Trim(), PlanDeadline = planDeadline, PlanStages = planStages,
            };
    }

    private PolicyLine? ParsePolicy(int line, string? id, Fields f)
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

    /// <summary>An optional http(s) address.</summary>
    private static string? WebAddress(Fields f, string name)
    {
        var text = f.String(name, Limits.Url);
        if (text is not null && !ReferenceData.IsWebAddress(text))
        {
            f.Fail($"{name} “{Short(text)}”: {ReferenceData.WebAddressMessage}");
            return null;
        }

        return text?.Trim();
    }

    /// <summary>
    /// <c>amendments</c> (<c>[{"on": "2021-05-01", "number": "XG1-2021", "note": "…"}]</c>) and <c>reviews</c>
    /// (<c>[{"on": "2022-01-01", "conclusion": "confirmed"}]</c>), each sorted by date; null when the line has none.
    /// </summary>
    private static (List<AmendmentLine>? Amendments, List<ReviewLine>? Reviews) Events(Fields f)
    {
        List<AmendmentLine>? amendments = null;
        List<ReviewLine>? reviews = null;
        foreach (var (_, item, n) in f.ObjectList("amendments", 100))
        {
            amendments ??= [];
            var on = Date(item, "on");
            var number = Text(item, "number");
            var note = Text(item, "note");
            if (on is null)
            {
                f.Fail($"amendments[{n}]: on is missing or not a date: write it as YYYY-MM-DD.");
            }
            else if (number is { Length: > Limits.Code } || note is { Length: > Limits.Title })
            {
                f.Fail($"amendments[{n}]: the number is at most {Limits.Code} characters and the note at most {Limits.Title}.");
            }
            else
            {
                amendments.Add(new AmendmentLine(on.Value, number, note));
            }

        }

        foreach (var (_, item, n) in f.ObjectList("reviews", 100))
        {
            reviews ??= [];
            var on = Date(item, "on");
            var word = Text(item, "conclusion");
            if (on is null)
            {
                f.Fail($"reviews[{n}]: on is missing or not a date: write it as YYYY-MM-DD.");
            }
            else if (!ReviewConclusions.TryParse(word, out var conclusion))
            {
                f.Fail($"reviews[{n}]: conclusion “{Short(word ?? "")}” is not one of {string.Join(", ", ReviewConclusions.All.Select(c => c.Word))}.");
            }
            else
            {
                reviews.Add(new ReviewLine(on.Value, conclusion));
            }
        }

        if (f.Has("amendments"))
        {
            amendments ??= [];
        }

        if (f.Has("reviews"))
        {
            reviews ??= [];
        }

        List<AmendmentLine>? amendmentsByDate = amendments is null ? null : [.. amendments.OrderBy(a => a.On)];
        List<ReviewLine>? reviewsByDate = reviews is null ? null : [.. reviews.OrderBy(r => r.On)];
        return (amendmentsByDate, reviewsByDate);

        static string? Text(JsonElement item, string name) =>
            item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString()!.Trim() : null;

        static DateOnly? Date(JsonElement item, string name) =>
            Text(item, name) is { } t && DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }

    /// <summary>
    /// <c>plan_stages</c> (<c>[{"stage": "approved", "on": "2019-08-05"}]</c>, stages approved, drafting, technical_review,
    /// submitted_for_approval), sorted by date; null when the line has none.
    /// </summary>
    private static List<PlanStageLine>? PlanStages(Fields f)
    {
        if (!f.Has("plan_stages"))
        {
            return null;
        }

        var stages = new List<PlanStageLine>();
        foreach (var (_, item, n) in f.ObjectList("plan_stages", 20))
        {
            var word = item.TryGetProperty("stage", out var w) && w.ValueKind == JsonValueKind.String ? w.GetString() : null;
            var on = item.TryGetProperty("on", out var v) && v.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
            if (!PlanStageWords.TryParse(word, out var kind))
            {
                f.Fail($"plan_stages[{n}]: stage “{Short(word ?? "")}” is not one of {string.Join(", ", PlanStageWords.All.Select(s => s.Word))}.");
            }
            else if (on is null)
            {
                f.Fail($"plan_stages[{n}]: on is missing or not a date: write it as YYYY-MM-DD.");
            }
            else
            {
                stages.Add(new PlanStageLine(on.Value, kind));
            }
        }

        // In the order the importer compares them with what is stored: by date, then by the kind's name.
        return [.. stages.OrderBy(s => s.On).ThenBy(s => s.Kind.ToString(), StringComparer.Ordinal)];
    }

    /// <summary><c>adoptions</c>: a list of <c>{"code": "ISO 9001:2015", "degree": "IDT"}</c>, each code once.</summary>
    private static List<AdoptionLine> Adoptions(Fields f, string? ownCode)
    {
        var result = new List<AdoptionLine>();
        if (!f.TryGet("adoptions", out var value))
        {
            return result;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            f.Fail("adoptions must be a list of {\"code\": …, \"degree\": \"IDT\" | \"MOD\" | \"NEQ\"}.");
            return result;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var item in value.EnumerateArray())
        {
            n++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                f.Fail($"adoptions[{n}] must be an object with code and degree.");
                continue;
            }

            var code = item.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()?.Trim() : null;
            var degreeText = item.TryGetProperty("degree", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            if (string.IsNullOrEmpty(code) || StandardCode.KeyOf(code).Length == 0)
            {
                f.Fail($"adoptions[{n}]: code is missing: give the adopted standard's code, like ISO 9001:2015.");
                continue;
            }

            if (code.Length > Limits.Code)
            {
                f.Fail($"adoptions[{n}]: code is {code.Length:N0} characters long; the limit is {Limits.Code}.");
                continue;
            }

            // "degree": null says the degree is not recorded (adoptions recorded before degrees were required export so);
            // a missing or unknown degree is refused.
            var notRecorded = item.TryGetProperty("degree", out var nullDegree) && nullDegree.ValueKind == JsonValueKind.Null;
            AdoptionDegree? degree = null;
            if (!notRecorded && Adoption.TryParseDegree(degreeText, out var parsed))
            {
                degree = parsed;
            }
            else if (!notRecorded)
            {
                f.Fail(degreeText is null
                    ? $"adoptions[{n}] ({Short(code)}): degree is missing. {Adoption.DegreeMessage}"
                    : $"adoptions[{n}] ({Short(code)}): degree “{Short(degreeText)}” is not one of IDT, MOD, NEQ. {Adoption.DegreeMessage}");
                continue;
            }

            var key = StandardAdoption.KeyOf(code);
            if (ownCode is not null && StandardCode.TryParse(ownCode, out var own) && own.Key == key)
            {
                f.Fail($"adoptions[{n}]: a standard cannot adopt itself.");
            }
            else if (!keys.Add(key))
            {
                f.Fail($"adoptions[{n}]: {Short(code)} is listed twice.");
            }
            else
            {
                result.Add(new AdoptionLine(code, degree));
            }
        }

        if (result.Count > EditStandard.MaxAdoptions)
        {
            f.Fail($"adoptions: at most {EditStandard.MaxAdoptions}.");
        }

        return result;
    }

    /// <summary><c>previous</c> (the interchange id of the version it follows) and <c>version_kind</c> (how), given together.</summary>
    private static (string? Previous, PolicyVersionKind? Kind) VersionLink(string? id, Fields f)
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

    private static string? Slug(Fields f)
    {
        var slug = f.String("slug", Limits.Slug, required: true);
        if (slug is not null && !Domain.Slug.IsValid(slug))
        {
            f.Fail($"slug “{Short(slug)}”: {ReferenceData.SlugMessage.Replace(", or leave it empty to make one from the title", "", StringComparison.Ordinal)}");
        }

        return slug;
    }

    private int[] Sectors(Fields f, bool required)
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

    /// <summary>Reads typed fields and collects what is wrong with them.</summary>
    private sealed class Fields(JsonElement root)
    {
        public List<string> Errors { get; } = [];

        public ImportItem? Fail(string message)
        {
            Errors.Add(message);
            return null;
        }

        public bool Has(string name) => root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

        /// <summary>The objects of a list field, numbered from 1; anything else in it is reported.</summary>
        public List<(string Name, JsonElement Item, int Number)> ObjectList(string name, int max)
        {
            var result = new List<(string, JsonElement, int)>();
            if (!TryGet(name, out var value))
            {
                return result;
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                Fail($"{name} must be a list of objects.");
                return result;
            }

            var n = 0;
            foreach (var item in value.EnumerateArray())
            {
                n++;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    Fail($"{name}[{n}] must be an object.");
                }
                else
                {
                    result.Add((name, item, n));
                }
            }

            if (n > max)
            {
                Fail($"{name}: at most {max}.");
            }

            return result;
        }

        /// <summary>A field present and not null.</summary>
        public bool TryGet(string name, out JsonElement value) => root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

        public string? String(string name, int maxLength, bool required = false)
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Fail($"{name} is missing.");
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Fail($"{name} must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}.");
                return null;
            }

            var text = value.GetString()!;
            if (string.IsNullOrWhiteSpace(text))
            {
                if (required)
                {
                    Fail($"{name} is empty.");
                }

                return null;
            }

            if (text.Length > maxLength)
            {
                Fail($"{name} is {text.Length:N0} characters long; the limit is {maxLength:N0}.");
                return null;
            }

            return text;
        }

        public DateOnly? Date(string name, bool required = false)
        {
            var text = String(name, 10, required);
            if (text is null)
            {
                return null;
            }

            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Fail($"{name} “{Short(text)}” is not a date: write it as YYYY-MM-DD, and as a day that exists.");
                return null;
            }

            return date;
        }

        public string[] Strings(string name, int maxLength)
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                Fail($"{name} must be a list of strings.");
                return [];
            }

            var items = value.EnumerateArray().Select(v => v.GetString()!.Trim()).Where(s => s.Length > 0).ToArray();
            foreach (var item in items.Where(i => i.Length > maxLength))
            {
                Fail($"{name}: “{Short(item)}” is longer than {maxLength} characters.");
            }

            return items;
        }
    }
}
