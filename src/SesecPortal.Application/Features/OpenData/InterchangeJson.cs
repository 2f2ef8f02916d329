using System.Globalization;
using System.Text.Json;

namespace SesecPortal.Application.Features.OpenData;

/// <summary>Writes the values of the interchange format (docs/open-data.md), one JSON object a line.</summary>
internal static class InterchangeJson
{
    private static readonly ReadOnlyMemory<byte> Newline = "\n"u8.ToArray();

    /// <summary>Ends the line of the object just written.</summary>
    public static async Task EndLineAsync(Utf8JsonWriter writer, Stream output, CancellationToken ct)
    {
        await writer.FlushAsync(ct);
        await output.WriteAsync(Newline, ct);
        writer.Reset();
    }

    public static void WriteDate(Utf8JsonWriter w, string name, DateOnly? date)
    {
        if (date is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    public static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    public static void WriteList(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
