using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using static SesecPortal.Application.Features.OpenData.InterchangeJson;

namespace SesecPortal.Application.Features.OpenData;

/// <summary>
/// The standards of an export (<see cref="ExportContent"/>), in keyset batches: each a line of the interchange format with
/// its adoptions, amendments, plan stages and reviews.
/// </summary>
internal static class StandardExport
{
    /// <summary>Writes the standards (all, or those with the given slugs); returns how many.</summary>
    public static async Task<int> WriteAsync(PortalDbContext db, Utf8JsonWriter w, HashSet<string>? slugs, Stream output, CancellationToken ct)
    {
        var count = 0;
        var lastId = 0;
        while (true)
        {
            var batch = await db.Standards.AsNoTracking()
                .Where(s => s.Id > lastId && (slugs == null || slugs.Contains(s.Slug)))
                .OrderBy(s => s.Id).Take(ExportContent.BatchSize)
                .Select(s => new Row
                {
                    Id = s.Id, ExternalId = s.ExternalId, Code = s.Code, TitleEn = s.TitleEn, TitleZh = s.TitleZh, Slug = s.Slug, Status = s.Status,
                    DraftedOn = s.DraftedOn, PublishedOn = s.PublishedOn, EffectiveOn = s.EffectiveOn, WithdrawnOn = s.WithdrawnOn,
                    Issuer = s.Issuer == null ? null : s.Issuer.Abbreviation ?? s.Issuer.Name,
                    Summary = s.Summary,
                    SupersededBy = s.ReplacedBy == null ? null : s.ReplacedBy.Code,
                    Sectors = s.Sectors.OrderBy(x => x.Position).Select(x => x.Slug).ToList(),
                    Adoptions = s.Adoptions.OrderBy(a => a.Position).Select(a => new AdoptionRow { Code = a.Code, Degree = a.Degree }).ToList(),
                    RecordUrl = s.RecordUrl, FullTextUrl = s.FullTextUrl, PurchaseUrl = s.PurchaseUrl, DraftingOrganisations = s.DraftingOrganisations,
                    Drafters = s.Drafters, CompetentDepartment = s.CompetentDepartment, EditionNote = s.EditionNote,
                    PlanCode = s.PlanCode, PlanDeadline = s.PlanDeadline,
                    Events = s.Events.Where(e => e.Kind == StandardEventKind.Amended || e.Kind == StandardEventKind.Reviewed
                            || e.Kind == StandardEventKind.PlanApproved || e.Kind == StandardEventKind.Drafting
                            || e.Kind == StandardEventKind.TechnicalReview || e.Kind == StandardEventKind.SubmittedForApproval)
                        .OrderBy(e => e.On).ThenBy(e => e.Id)
                        .Select(e => new EventRow { Kind = e.Kind, On = e.On, Number = e.Number, Note = e.Note, Conclusion = e.Conclusion }).ToList(),
                    Ics = s.Ics.OrderBy(x => x.Code).Select(x => x.Code).ToList(), CcsCode = s.CcsCode,
                })
                .AsSplitQuery().ToListAsync(ct);
            foreach (var s in batch)
            {
                Write(w, s);
                await EndLineAsync(w, output, ct);
            }

            count += batch.Count;
            if (batch.Count < ExportContent.BatchSize)
            {
                return count;
            }

            lastId = batch[^1].Id;
        }
    }

    private static void Write(Utf8JsonWriter w, Row s)
    {
        w.WriteStartObject();
        w.WriteString("type", Interchange.Standard);
        w.WriteString("id", s.ExternalId ?? Interchange.PortalId(Interchange.Standard, s.Id));
        WriteOptional(w, "code", s.Code);
        w.WriteString("title", s.TitleEn);
        WriteOptional(w, "title_zh", s.TitleZh);
        w.WriteString("slug", s.Slug);
        w.WriteString("status", Interchange.StatusWord(s.Status));
        WriteDate(w, "published_on", Interchange.IsDraft(s.Status) ? s.DraftedOn ?? s.PublishedOn : s.PublishedOn);
        WriteDate(w, "effective_on", s.EffectiveOn);
        if (s.WithdrawnOn is not null)
        {
            WriteDate(w, "withdrawn_on", s.WithdrawnOn);
        }

        WriteList(w, "sectors", s.Sectors);
        WriteOptional(w, "issuer", s.Issuer);
        WriteOptional(w, "scope", s.Summary);
        WriteList(w, "ics", s.Ics);
        WriteOptional(w, "ccs", s.CcsCode);
        if (s.SupersededBy is not null)
        {
            w.WriteString("superseded_by", s.SupersededBy);
        }

        WriteAdoptions(w, s.Adoptions);
        WriteOptional(w, "record_url", s.RecordUrl);
        WriteOptional(w, "full_text_url", s.FullTextUrl);
        WriteOptional(w, "purchase_url", s.PurchaseUrl);
        if (s.DraftingOrganisations.Count > 0)
        {
            WriteList(w, "drafting_organisations", s.DraftingOrganisations);
        }

        if (s.Drafters.Count > 0)
        {
            WriteList(w, "drafters", s.Drafters);
        }

        WriteOptional(w, "competent_department", s.CompetentDepartment);
        WriteOptional(w, "edition_note", s.EditionNote);
        WriteAmendments(w, s.Events);
        WriteOptional(w, "plan_number", s.PlanCode);
        if (s.PlanDeadline is not null)
        {
            WriteDate(w, "plan_deadline", s.PlanDeadline);
        }

        WritePlanStages(w, s.Events);
        WriteReviews(w, s.Events);
        w.WriteEndObject();
    }

    private static void WriteAdoptions(Utf8JsonWriter w, List<AdoptionRow> adoptions)
    {
        if (adoptions.Count == 0)
        {
            return;
        }

        w.WriteStartArray("adoptions");
        foreach (var a in adoptions)
        {
            w.WriteStartObject();
            w.WriteString("code", a.Code);
            // A degree recorded before degrees were required is written as null ("not recorded"), which imports back.
            if (a.Degree is { } degree)
            {
                w.WriteString("degree", Adoption.Abbreviation(degree));
            }
            else
            {
                w.WriteNull("degree");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteAmendments(Utf8JsonWriter w, List<EventRow> events)
    {
        if (!events.Any(e => e.Kind == StandardEventKind.Amended))
        {
            return;
        }

        w.WriteStartArray("amendments");
        foreach (var e in events.Where(e => e.Kind == StandardEventKind.Amended))
        {
            w.WriteStartObject();
            WriteDate(w, "on", e.On);
            WriteOptional(w, "number", e.Number);
            WriteOptional(w, "note", e.Note);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WritePlanStages(Utf8JsonWriter w, List<EventRow> events)
    {
        if (!events.Any(e => PlanStageWords.IsStage(e.Kind)))
        {
            return;
        }

        w.WriteStartArray("plan_stages");
        foreach (var e in events.Where(e => PlanStageWords.IsStage(e.Kind)))
        {
            w.WriteStartObject();
            w.WriteString("stage", PlanStageWords.Word(e.Kind));
            WriteDate(w, "on", e.On);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>A review without a conclusion (none is stored so) could not be imported back: it is left out.</summary>
    private static void WriteReviews(Utf8JsonWriter w, List<EventRow> events)
    {
        if (!events.Any(e => e.Kind == StandardEventKind.Reviewed && e.Conclusion is not null))
        {
            return;
        }

        w.WriteStartArray("reviews");
        foreach (var e in events.Where(e => e.Kind == StandardEventKind.Reviewed && e.Conclusion is not null))
        {
            w.WriteStartObject();
            WriteDate(w, "on", e.On);
            w.WriteString("conclusion", ReviewConclusions.Word(e.Conclusion!.Value));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>What a standard's line says, read in one query (with its lists split off).</summary>
    private sealed class Row
    {
        public int Id { get; init; }
        public string? ExternalId { get; init; }
        public string? Code { get; init; }
        public required string TitleEn { get; init; }
        public string? TitleZh { get; init; }
        public required string Slug { get; init; }
        public StandardStatus Status { get; init; }
        public DateOnly? DraftedOn { get; init; }
        public DateOnly? PublishedOn { get; init; }
        public DateOnly? EffectiveOn { get; init; }
        public DateOnly? WithdrawnOn { get; init; }
        public string? Issuer { get; init; }
        public string? Summary { get; init; }
        public string? SupersededBy { get; init; }
        public required List<string> Sectors { get; init; }
        public required List<AdoptionRow> Adoptions { get; init; }
        public string? RecordUrl { get; init; }
        public string? FullTextUrl { get; init; }
        public string? PurchaseUrl { get; init; }
        public required List<string> DraftingOrganisations { get; init; }
        public required List<string> Drafters { get; init; }
        public string? CompetentDepartment { get; init; }
        public string? EditionNote { get; init; }
        public string? PlanCode { get; init; }
        public DateOnly? PlanDeadline { get; init; }
        public required List<EventRow> Events { get; init; }
        public required List<string> Ics { get; init; }
        public string? CcsCode { get; init; }
    }

    private sealed class AdoptionRow
    {
        public required string Code { get; init; }
        public AdoptionDegree? Degree { get; init; }
    }

    private sealed class EventRow
    {
        public StandardEventKind Kind { get; init; }
        public DateOnly On { get; init; }
        public string? Number { get; init; }
        public string? Note { get; init; }
        public ReviewConclusion? Conclusion { get; init; }
    }
}
