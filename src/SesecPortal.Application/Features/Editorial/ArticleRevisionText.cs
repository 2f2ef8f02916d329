using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>An article revision as the history's text, for diffs and the conflict page.</summary>
public static class ArticleRevisionText
{
    public static string Of(ArticleRevision r, IReadOnlyDictionary<int, string> sectorNames) =>
        Of(r.Title, r.Summary, r.Body, r.EventDate is { } d ? PartialDate.Format(d, r.EventDatePrecision) : null, r.Tags,
            r.SectorIds, r.SourceLinks, r.CorrectionNote, sectorNames);

    public static string Of(
        string? title, string? summary, string? body, string? eventDate, IEnumerable<string> tags, IEnumerable<int> sectorIds,
        string? sourceLinks, string? correctionNote, IReadOnlyDictionary<int, string> sectorNames) =>
        new Snapshot()
            .Add("Title", title)
            .Add("Summary", summary)
            .Add("Event date", eventDate)
            .AddList("Sectors", sectorIds.Select(id => sectorNames.TryGetValue(id, out var n) ? n : $"#{id}").Order(StringComparer.Ordinal))
            .AddList("Tags", tags)
            .Add("Sources", sourceLinks?.Trim())
            .Add("Correction note", correctionNote)
            .Add("Body", body?.Trim())
            .ToString();
}
