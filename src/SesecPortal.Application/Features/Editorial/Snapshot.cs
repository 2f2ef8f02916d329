using System.Globalization;
using System.Text;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>
/// Writes an item as text, one "Field: value" line per field and multi-line values indented under their field,
/// so that any two versions can be compared line by line.
/// </summary>
public sealed class Snapshot
{
    private readonly StringBuilder text = new();

    public Snapshot Add(string field, object? value)
    {
        var formatted = value switch
        {
            null => string.Empty,
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        var lines = formatted.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 1)
        {
            text.Append(field).Append(": ").Append(lines[0]).Append('\n');
            return this;
        }

        text.Append(field).Append(":\n");
        foreach (var line in lines)
        {
            text.Append("    ").Append(line).Append('\n');
        }

        return this;
    }

    public Snapshot AddList(string field, IEnumerable<string> values) => Add(field, string.Join(", ", values));

    public override string ToString() => text.ToString();
}
