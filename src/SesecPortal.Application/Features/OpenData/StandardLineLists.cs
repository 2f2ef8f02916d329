using System.Globalization;
using System.Text.Json;
using SesecPortal.Application.Data.Configurations;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Standards;
using static SesecPortal.Application.Features.OpenData.ImportLineParser;

namespace SesecPortal.Application.Features.OpenData;

/// <summary>
/// Reads the lists a standard's line carries (adoptions, amendments, reviews, plan stages) for <see cref="ImportLineParser"/>:
/// each item checked, numbered from 1 in what is reported.
/// </summary>
internal static class StandardLineLists
{
    /// <summary><c>adoptions</c>: a list of <c>{"code": "ISO 9001:2015", "degree": "IDT"}</c>, each code once.</summary>
    public static List<AdoptionLine> Adoptions(ImportFields f, string? ownCode)
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
            if (AdoptionItem(f, item, n) is not { } adoption)
            {
                continue;
            }

            var key = StandardAdoption.KeyOf(adoption.Code);
            if (ownCode is not null && StandardCode.TryParse(ownCode, out var own) && own.Key == key)
            {
                f.Fail($"adoptions[{n}]: a standard cannot adopt itself.");
            }
            else if (!keys.Add(key))
            {
                f.Fail($"adoptions[{n}]: {Short(adoption.Code)} is listed twice.");
            }
            else
            {
                result.Add(adoption);
            }
        }

        if (result.Count > EditStandard.MaxAdoptions)
        {
            f.Fail($"adoptions: at most {EditStandard.MaxAdoptions}.");
        }

        return result;
    }

    /// <summary>One item of <c>adoptions</c>, or null (and what is wrong with it reported).</summary>
    private static AdoptionLine? AdoptionItem(ImportFields f, JsonElement item, int n)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            f.Fail($"adoptions[{n}] must be an object with code and degree.");
            return null;
        }

        var code = item.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()?.Trim() : null;
        var degreeText = item.TryGetProperty("degree", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        if (string.IsNullOrEmpty(code) || StandardCode.KeyOf(code).Length == 0)
        {
            f.Fail($"adoptions[{n}]: code is missing: give the adopted standard's code, like ISO 9001:2015.");
            return null;
        }

        if (code.Length > Limits.Code)
        {
            f.Fail($"adoptions[{n}]: code is {code.Length:N0} characters long; the limit is {Limits.Code}.");
            return null;
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
            return null;
        }

        return new AdoptionLine(code, degree);
    }

    /// <summary>
    /// <c>amendments</c> (<c>[{"on": "2021-05-01", "number": "XG1-2021", "note": "…"}]</c>) and <c>reviews</c>
    /// (<c>[{"on": "2022-01-01", "conclusion": "confirmed"}]</c>), each sorted by date; null when the line has none.
    /// </summary>
    public static (List<AmendmentLine>? Amendments, List<ReviewLine>? Reviews) Events(ImportFields f) => (Amendments(f), Reviews(f));

    private static List<AmendmentLine>? Amendments(ImportFields f)
    {
        List<AmendmentLine>? amendments = null;
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

        if (f.Has("amendments"))
        {
            amendments ??= [];
        }

        return amendments is null ? null : [.. amendments.OrderBy(a => a.On)];
    }

    private static List<ReviewLine>? Reviews(ImportFields f)
    {
        List<ReviewLine>? reviews = null;
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

        if (f.Has("reviews"))
        {
            reviews ??= [];
        }

        return reviews is null ? null : [.. reviews.OrderBy(r => r.On)];
    }

    /// <summary>
    /// <c>plan_stages</c> (<c>[{"stage": "approved", "on": "2019-08-05"}]</c>, stages approved, drafting, technical_review,
    /// submitted_for_approval), sorted by date; null when the line has none.
    /// </summary>
    public static List<PlanStageLine>? PlanStages(ImportFields f)
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

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString()!.Trim() : null;

    private static DateOnly? Date(JsonElement item, string name) =>
        Text(item, name) is { } t && DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
