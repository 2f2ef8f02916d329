using System.Globalization;
using System.Text.Json;

namespace SesecPortal.Application.Features.OpenData;

/// <summary>Reads the typed fields of one interchange line for <see cref="ImportLineParser"/> and collects what is wrong with them.</summary>
internal sealed class ImportFields(JsonElement root)
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
            Fail($"{name} “{ImportLineParser.Short(text)}” is not a date: write it as YYYY-MM-DD, and as a day that exists.");
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
            Fail($"{name}: “{ImportLineParser.Short(item)}” is longer than {maxLength} characters.");
        }

        return items;
    }
}
