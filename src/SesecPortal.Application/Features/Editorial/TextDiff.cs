using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>A line-by-line comparison of two versions' text (DiffPlex), for the history and the conflict page.</summary>
public static class TextDiff
{
    public enum LineKind
    {
        Unchanged,
        Inserted,
        Deleted,
    }

    public sealed record Line(LineKind Kind, string Text);

    public static IReadOnlyList<Line> Compare(string older, string newer)
    {
        var model = InlineDiffBuilder.Diff(older, newer, ignoreWhiteSpace: false, ignoreCase: false, DiffPlex.Chunkers.LineChunker.Instance);
        return [.. model.Lines.Select(l => new Line(
            l.Type switch { ChangeType.Inserted => LineKind.Inserted, ChangeType.Deleted => LineKind.Deleted, _ => LineKind.Unchanged },
            l.Text ?? string.Empty))];
    }
}
