using Npgsql;
using NpgsqlTypes;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.OpenData;

public sealed partial class BulkImporter
{
    private async Task<(List<ImportError>, List<int>, ItemKind)> StandardsAsync(NpgsqlConnection connection, IReadOnlyList<StandardLine> batch, ImportTally tally,
        Dictionary<string, int> created, CancellationToken ct)
    {
        var issuers = await OrganisationIdsAsync(connection, batch.Select(s => (s.Issuer, (string?)null)), OrganisationKind.StandardsBody, created, ct);
        await StageStandardsAsync(connection, batch, issuers, ct);
        var errors = await RefuseTakenAsync(connection, "import_standards", "standards", "slug", "another standard already has the address “{0}”.", ct);
        errors.AddRange(await RefuseTakenAsync(connection, "import_standards", "standards", "code_key", "another standard already has this code (compact form {0}).", ct));
        var refused = errors.Select(e => e.Line).ToHashSet();
        foreach (var s in batch.Where(s => !refused.Contains(s.Line)))
        {
            if (s.SupersededBy is not null)
            {
                supersessions.Add((s.ExternalId, StandardCode.Parse(s.SupersededBy).Key));
            }
        }

        await DropUnchangedAsync(connection, UnchangedStandardsSql, Interchange.Standard, tally, ct);
        var ids = await UpsertAsync(connection, UpsertStandardsSql, Now, inserted => tally.Count(Interchange.Standard, inserted), ct);
        await ExecuteAsync(connection, StandardListsSql, ct);
        return (errors, ids, ItemKind.Standard);
    }

    /// <summary>Copies the batch into <c>import_standards</c>, a temporary table dropped at commit.</summary>
    private static async Task StageStandardsAsync(NpgsqlConnection connection, IReadOnlyList<StandardLine> batch, Dictionary<string, int> issuers,
        CancellationToken ct)
    {
        await ExecuteAsync(connection, StandardsStageSql, ct);
        await using var copy = await connection.BeginBinaryImportAsync(CopyStandardsSql, ct);
        foreach (var s in batch)
        {
            await WriteStandardAsync(copy, s, issuers, ct);
        }

        await copy.CompleteAsync(ct);
    }

    /// <summary>One row of <c>import_standards</c>, its columns in the order of <see cref="CopyStandardsSql"/>.</summary>
    private static async Task WriteStandardAsync(NpgsqlBinaryImporter copy, StandardLine s, Dictionary<string, int> issuers, CancellationToken ct)
    {
        var code = s.Code is null ? null : StandardCode.Parse(s.Code);
        var draft = Interchange.IsDraft(s.Status);
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(s.Line, NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(s.ExternalId, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(s.Slug, NpgsqlDbType.Text, ct);
        await WriteOrNullAsync(copy, s.Code, NpgsqlDbType.Text, ct);
        await WriteOrNullAsync(copy, code?.Canonical, NpgsqlDbType.Text, ct);
        await WriteOrNullAsync(copy, code?.Key, NpgsqlDbType.Text, ct);
        await WriteOrNullAsync(copy, code?.Level.ToString(), NpgsqlDbType.Text, ct);
        await WriteOrNullAsync(copy, code?.Year, NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(s.TitleEn, NpgsqlDbType.Text, ct);
        await WriteOrNullAsync(copy, s.TitleZh, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(s.Status.ToString(), NpgsqlDbType.Text, ct);
        await WriteOrNullAsync(copy, draft ? s.PublishedOn : null, NpgsqlDbType.Date, ct);
        await WriteOrNullAsync(copy, draft ? null : s.PublishedOn, NpgsqlDbType.Date, ct);
        await WriteOrNullAsync(copy, s.EffectiveOn, NpgsqlDbType.Date, ct);
        await WriteOrNullAsync(copy, s.WithdrawnOn, NpgsqlDbType.Date, ct);
        await WriteOrNullAsync<int?>(copy, s.Issuer is null ? null : issuers[s.Issuer], NpgsqlDbType.Integer, ct);
        await WriteOrNullAsync(copy, s.Summary, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(s.SectorIds, NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
        await WriteOrNullAsync(copy, s.RecordUrl, NpgsqlDbType.Text, ct);
        await WriteOrNullAsync(copy, s.FullTextUrl, NpgsqlDbType.Text, ct);
        await WriteOrNullAsync(copy, s.PurchaseUrl, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(s.DraftingOrganisations, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await copy.WriteAsync(s.Drafters, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await WriteOrNullAsync(copy, s.CompetentDepartment, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(s.Adoptions.Select(a => a.Code).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await copy.WriteAsync(s.Adoptions.Select(a => StandardAdoption.KeyOf(a.Code)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await copy.WriteAsync(s.Adoptions.Select(a => a.Degree?.ToString()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await WriteStandardListsAsync(copy, s, ct);
    }

    /// <summary>The rest of the row: the edition note, amendments, reviews, classification and plan columns.</summary>
    private static async Task WriteStandardListsAsync(NpgsqlBinaryImporter copy, StandardLine s, CancellationToken ct)
    {
        await WriteOrNullAsync(copy, s.EditionNote, NpgsqlDbType.Text, ct);
        // Amendments and reviews come sorted by date; an empty number or note is written as "" here and NULL in the table.
        var amendments = s.Amendments ?? [];
        await copy.WriteAsync(s.Amendments is not null, NpgsqlDbType.Boolean, ct);
        await copy.WriteAsync(amendments.Select(a => a.On).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Date, ct);
        await copy.WriteAsync(amendments.Select(a => a.Number ?? "").ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await copy.WriteAsync(amendments.Select(a => a.Note ?? "").ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        var reviews = s.Reviews ?? [];
        await copy.WriteAsync(s.Reviews is not null, NpgsqlDbType.Boolean, ct);
        await copy.WriteAsync(reviews.Select(r => r.On).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Date, ct);
        await copy.WriteAsync(reviews.Select(r => r.Conclusion.ToString()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await WriteOrNullAsync(copy, s.Ccs, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(s.Ics, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await WriteOrNullAsync(copy, s.PlanNumber, NpgsqlDbType.Text, ct);
        await WriteOrNullAsync(copy, s.PlanNumber is null ? null : StandardCode.Parse(s.PlanNumber).Key, NpgsqlDbType.Text, ct);
        await WriteOrNullAsync(copy, s.PlanDeadline, NpgsqlDbType.Date, ct);
        var stages = s.PlanStages ?? [];
        await copy.WriteAsync(s.PlanStages is not null, NpgsqlDbType.Boolean, ct);
        await copy.WriteAsync(stages.Select(x => x.On).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Date, ct);
        await copy.WriteAsync(stages.Select(x => x.Kind.ToString()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
    }

    /// <summary>The stage: one row a line, lists as arrays (has_… says whether the line gives the list at all).</summary>
    private const string StandardsStageSql = """
            CREATE TEMP TABLE import_standards (line int, external_id text, slug text, code text, normalized_code text, code_key text, level text, code_year int,
                title_en text, title_zh text, status text, drafted_on date, published_on date, effective_on date, withdrawn_on date, issuer_id int,
                summary text, sector_ids int[], record_url text, full_text_url text, purchase_url text, drafting_organisations text[], drafters text[],
                competent_department text, adoption_codes text[], adoption_keys text[], adoption_degrees text[], edition_note text,
                has_amendments bool, amendment_dates date[], amendment_numbers text[], amendment_notes text[], has_reviews bool, review_dates date[],
                review_conclusions text[], ccs_code text, ics_codes text[], plan_code text, plan_code_key text, plan_deadline date,
                has_plan_stages bool, plan_stage_dates date[], plan_stage_kinds text[]) ON COMMIT DROP
            """;

    /// <summary>The columns <see cref="WriteStandardAsync"/> writes, in its order.</summary>
    private const string CopyStandardsSql = """
            COPY import_standards (line, external_id, slug, code, normalized_code, code_key, level, code_year, title_en, title_zh, status, drafted_on,
                published_on, effective_on, withdrawn_on, issuer_id, summary, sector_ids, record_url, full_text_url, purchase_url, drafting_organisations,
                drafters, competent_department, adoption_codes, adoption_keys, adoption_degrees, edition_note,
                has_amendments, amendment_dates, amendment_numbers, amendment_notes, has_reviews, review_dates, review_conclusions, ccs_code, ics_codes,
                plan_code, plan_code_key, plan_deadline, has_plan_stages, plan_stage_dates, plan_stage_kinds) FROM STDIN (FORMAT BINARY)
            """;

    /// <summary>Lines identical to the standard they would update, their lists included (see <see cref="DropUnchangedAsync"/>).</summary>
    private const string UnchangedStandardsSql = """
            DELETE FROM import_standards i USING standards s
            WHERE s.external_id = i.external_id
                AND (s.slug, s.code, s.normalized_code, s.code_key, s.level, s.code_year, s.title_en, s.title_zh, s.status, s.drafted_on, s.published_on,
                    s.effective_on, s.withdrawn_on, s.issuer_id, s.summary, s.record_url, s.full_text_url, s.purchase_url, s.drafting_organisations,
                    s.drafters, s.competent_department, s.edition_note, s.ccs_code, s.plan_code, s.plan_deadline)
                IS NOT DISTINCT FROM (i.slug, i.code, i.normalized_code, i.code_key, i.level, i.code_year, i.title_en, i.title_zh, i.status, i.drafted_on,
                    i.published_on, i.effective_on, i.withdrawn_on, i.issuer_id, i.summary, i.record_url, i.full_text_url, i.purchase_url,
                    i.drafting_organisations, i.drafters, i.competent_department, i.edition_note, i.ccs_code, i.plan_code, i.plan_deadline)
                AND ARRAY(SELECT x.sectors_id FROM standard_sectors x WHERE x.standard_id = s.id ORDER BY 1)
                    = ARRAY(SELECT DISTINCT unnest(i.sector_ids) ORDER BY 1)
                AND ARRAY(SELECT a.code::text FROM standard_adoptions a WHERE a.standard_id = s.id ORDER BY a.position) = i.adoption_codes
                AND ARRAY(SELECT a.degree::text FROM standard_adoptions a WHERE a.standard_id = s.id ORDER BY a.position) = i.adoption_degrees
                AND (NOT i.has_amendments OR (
                    ARRAY(SELECT e."on" FROM standard_events e WHERE e.standard_id = s.id AND e.kind = 'Amended' ORDER BY e."on", e.id) = i.amendment_dates
                    AND ARRAY(SELECT coalesce(e.number, '')::text FROM standard_events e WHERE e.standard_id = s.id AND e.kind = 'Amended' ORDER BY e."on", e.id)
                        = i.amendment_numbers
                    AND ARRAY(SELECT coalesce(e.note, '')::text FROM standard_events e WHERE e.standard_id = s.id AND e.kind = 'Amended' ORDER BY e."on", e.id)
                        = i.amendment_notes))
                AND (NOT i.has_reviews OR (
                    ARRAY(SELECT e."on" FROM standard_events e WHERE e.standard_id = s.id AND e.kind = 'Reviewed' ORDER BY e."on", e.id) = i.review_dates
                    AND ARRAY(SELECT coalesce(e.conclusion, '')::text FROM standard_events e WHERE e.standard_id = s.id AND e.kind = 'Reviewed' ORDER BY e."on", e.id)
                        = i.review_conclusions))
                AND (NOT i.has_plan_stages OR (
                    ARRAY(SELECT e."on" FROM standard_events e WHERE e.standard_id = s.id AND e.kind IN ('PlanApproved', 'Drafting', 'TechnicalReview', 'SubmittedForApproval') ORDER BY e."on", e.kind, e.id) = i.plan_stage_dates
                    AND ARRAY(SELECT e.kind::text FROM standard_events e WHERE e.standard_id = s.id AND e.kind IN ('PlanApproved', 'Drafting', 'TechnicalReview', 'SubmittedForApproval') ORDER BY e."on", e.kind, e.id)
                        = i.plan_stage_kinds))
                AND ARRAY(SELECT x.ics_code::text FROM standard_ics x WHERE x.standard_id = s.id ORDER BY 1)
                    = ARRAY(SELECT DISTINCT unnest(i.ics_codes) ORDER BY 1)
            RETURNING i.line
            """;

    /// <summary>Adds or updates the standards; <c>changed_at</c> moves only when what readers see changed.</summary>
    private const string UpsertStandardsSql = """
            INSERT INTO standards AS s (external_id, slug, code, normalized_code, code_key, level, code_year, title_en, title_zh, status, drafted_on,
                published_on, effective_on, withdrawn_on, issuer_id, summary, record_url, full_text_url, purchase_url, drafting_organisations, drafters,
                competent_department, edition_note, ccs_code, plan_code, plan_code_key, plan_deadline, changed_at)
            SELECT external_id, slug, code, normalized_code, code_key, level, code_year, title_en, title_zh, status, drafted_on,
                published_on, effective_on, withdrawn_on, issuer_id, summary, record_url, full_text_url, purchase_url, drafting_organisations, drafters,
                competent_department, edition_note, ccs_code, plan_code, plan_code_key, plan_deadline, @now FROM import_standards
            ON CONFLICT (external_id) DO UPDATE SET slug = excluded.slug, code = excluded.code, normalized_code = excluded.normalized_code,
                code_key = excluded.code_key, level = excluded.level, code_year = excluded.code_year, title_en = excluded.title_en,
                title_zh = excluded.title_zh, status = excluded.status, drafted_on = excluded.drafted_on, published_on = excluded.published_on,
                effective_on = excluded.effective_on, withdrawn_on = excluded.withdrawn_on, issuer_id = excluded.issuer_id, summary = excluded.summary,
                record_url = excluded.record_url, full_text_url = excluded.full_text_url, purchase_url = excluded.purchase_url,
                drafting_organisations = excluded.drafting_organisations, drafters = excluded.drafters, competent_department = excluded.competent_department,
                edition_note = excluded.edition_note, ccs_code = excluded.ccs_code, plan_code = excluded.plan_code, plan_code_key = excluded.plan_code_key,
                plan_deadline = excluded.plan_deadline,
                changed_at = CASE WHEN (s.slug, s.code, s.title_en, s.title_zh, s.status, s.drafted_on, s.published_on, s.effective_on, s.withdrawn_on,
                        s.issuer_id, s.summary, s.record_url, s.full_text_url, s.purchase_url, s.drafting_organisations, s.drafters, s.competent_department, s.edition_note, s.ccs_code,
                        s.plan_code, s.plan_deadline)
                    IS DISTINCT FROM (excluded.slug, excluded.code, excluded.title_en, excluded.title_zh, excluded.status, excluded.drafted_on,
                        excluded.published_on, excluded.effective_on, excluded.withdrawn_on, excluded.issuer_id, excluded.summary, excluded.record_url,
                        excluded.full_text_url, excluded.purchase_url, excluded.drafting_organisations, excluded.drafters, excluded.competent_department,
                        excluded.edition_note, excluded.ccs_code, excluded.plan_code, excluded.plan_deadline)
                    OR ARRAY(SELECT a.code || ' ' || coalesce(a.degree, '') FROM standard_adoptions a WHERE a.standard_id = s.id ORDER BY a.position)
                        IS DISTINCT FROM (SELECT ARRAY(SELECT c || ' ' || coalesce(d, '') FROM unnest(i.adoption_codes, i.adoption_degrees) AS x(c, d))
                            FROM import_standards i WHERE i.external_id = excluded.external_id)
                    THEN @now ELSE s.changed_at END
            RETURNING id, xmax = 0
            """;

    /// <summary>Replaces the sectors, adoptions, ICS codes and the events the lines give (amendments, reviews, plan stages).</summary>
    private const string StandardListsSql = """
            DELETE FROM standard_sectors x USING import_standards i JOIN standards s ON s.external_id = i.external_id WHERE x.standard_id = s.id;
            INSERT INTO standard_sectors (standard_id, sectors_id)
            SELECT s.id, sector_id FROM import_standards i JOIN standards s ON s.external_id = i.external_id CROSS JOIN LATERAL unnest(i.sector_ids) AS sector_id;
            DELETE FROM standard_adoptions x USING import_standards i JOIN standards s ON s.external_id = i.external_id WHERE x.standard_id = s.id;
            INSERT INTO standard_adoptions (standard_id, position, code, code_key, degree)
            SELECT s.id, a.ord - 1, a.code, a.code_key, a.degree
            FROM import_standards i JOIN standards s ON s.external_id = i.external_id
                CROSS JOIN LATERAL unnest(i.adoption_codes, i.adoption_keys, i.adoption_degrees) WITH ORDINALITY AS a(code, code_key, degree, ord);
            DELETE FROM standard_events x USING import_standards i JOIN standards s ON s.external_id = i.external_id
            WHERE x.standard_id = s.id AND ((i.has_amendments AND x.kind = 'Amended') OR (i.has_reviews AND x.kind = 'Reviewed')
                OR (i.has_plan_stages AND x.kind IN ('PlanApproved', 'Drafting', 'TechnicalReview', 'SubmittedForApproval')));
            INSERT INTO standard_events (standard_id, kind, "on", number, note)
            SELECT s.id, 'Amended', a.on_date, nullif(a.number, ''), nullif(a.note, '')
            FROM import_standards i JOIN standards s ON s.external_id = i.external_id
                CROSS JOIN LATERAL unnest(i.amendment_dates, i.amendment_numbers, i.amendment_notes) WITH ORDINALITY AS a(on_date, number, note, ord)
            WHERE i.has_amendments ORDER BY s.id, a.ord;
            INSERT INTO standard_events (standard_id, kind, "on", conclusion)
            SELECT s.id, 'Reviewed', r.on_date, r.conclusion
            FROM import_standards i JOIN standards s ON s.external_id = i.external_id
                CROSS JOIN LATERAL unnest(i.review_dates, i.review_conclusions) WITH ORDINALITY AS r(on_date, conclusion, ord)
            WHERE i.has_reviews ORDER BY s.id, r.ord;
            INSERT INTO standard_events (standard_id, kind, "on")
            SELECT s.id, p.kind, p.on_date
            FROM import_standards i JOIN standards s ON s.external_id = i.external_id
                CROSS JOIN LATERAL unnest(i.plan_stage_dates, i.plan_stage_kinds) WITH ORDINALITY AS p(on_date, kind, ord)
            WHERE i.has_plan_stages ORDER BY s.id, p.ord;
            DELETE FROM standard_ics x USING import_standards i JOIN standards s ON s.external_id = i.external_id WHERE x.standard_id = s.id;
            INSERT INTO standard_ics (standard_id, ics_code)
            SELECT DISTINCT s.id, ics_code FROM import_standards i JOIN standards s ON s.external_id = i.external_id CROSS JOIN LATERAL unnest(i.ics_codes) AS ics_code
            """;
}
