using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Changes;

namespace SesecPortal.Application.Features.OpenData;

/// <summary>
/// Writes valid lines in batches: each batch is copied (binary COPY) into a temporary staging table; lines identical to
/// what the portal holds are dropped from it (they write nothing, and count as unchanged); the rest are merged with
/// <c>INSERT ... ON CONFLICT (external_id) DO UPDATE</c>, their sectors and authorities replaced, and a change-log row
/// written for each item, all in one transaction (the search index and the caches follow the log). Lines whose address
/// or code another item already has are refused first; if a batch still fails, it is retried line by line, so one bad
/// line never takes good ones with it and no line is half-written.
/// </summary>
public sealed partial class BulkImporter(PortalDbContext db, TimeProvider clock)
{
    public const int BatchSize = 2000;

    /// <summary>Organisations by lower-cased abbreviation, name or slug (issuers, authorities).</summary>
    private Dictionary<string, int> organisations = null!;
    private readonly List<(string ExternalId, string Key)> supersessions = [];

    public ImportTally Tally { get; } = new();

    public async Task StartAsync(CancellationToken ct)
    {
        organisations = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var all = await db.Organisations.AsNoTracking().OrderBy(o => o.Id).Select(o => new { o.Id, o.Slug, o.Name, o.Abbreviation }).ToListAsync(ct);
        foreach (var o in all)
        {
            organisations.TryAdd(o.Slug, o.Id);
            organisations.TryAdd(o.Name, o.Id);
            if (o.Abbreviation is not null)
            {
                organisations.TryAdd(o.Abbreviation, o.Id);
            }
        }
    }

    /// <summary>Writes a batch of one kind; returns the lines refused.</summary>
    public async Task<List<ImportError>> WriteAsync<T>(IReadOnlyList<T> batch, CancellationToken ct) where T : ImportItem
    {
        try
        {
            return await WriteBatchAsync(batch, ct);
        }
        catch (PostgresException) when (batch.Count > 1)
        {
            // Something only the database saw (two lines of the batch swapping addresses...): find the line one at a time.
            var errors = new List<ImportError>();
            foreach (var item in batch)
            {
                try
                {
                    errors.AddRange(await WriteBatchAsync([item], ct));
                }
                catch (PostgresException ex)
                {
                    errors.Add(new ImportError(item.Line, item.ExternalId, $"the database refused it: {ex.MessageText}"));
                }
            }

            return errors;
        }
    }

    private async Task<List<ImportError>> WriteBatchAsync<T>(IReadOnlyList<T> batch, CancellationToken ct) where T : ImportItem
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        var tally = new ImportTally();
        List<ImportError> errors;
        Dictionary<string, int> created = [];
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            (errors, var ids, var kind) = batch switch
            {
                IReadOnlyList<ArticleLine> a => await ArticlesAsync(connection, a, tally, ct),
                IReadOnlyList<StandardLine> s => await StandardsAsync(connection, s, tally, created, ct),
                IReadOnlyList<PolicyLine> p => await PoliciesAsync(connection, p, tally, created, ct),
                _ => throw new ArgumentException("Unknown kind of line.", nameof(batch)),
            };
            await ChangeLogWriter.AppendAsync(db, kind, ids, ct);
            await ChangeLogWriter.AppendAsync(db, ItemKind.Organisation, [.. created.Values.Distinct()], ct);
            await tx.CommitAsync(ct);
        }

        db.ChangeTracker.Clear();
        foreach (var (key, id) in created)
        {
            organisations[key] = id;
        }

        Tally.Add(tally);
        return errors;
    }

    private DateTimeOffset Now => clock.GetUtcNow();

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Refuses staged lines whose value of <paramref name="column"/> another item already has, and removes them from the stage.</summary>
    private static async Task<List<ImportError>> RefuseTakenAsync(NpgsqlConnection connection, string stage, string table, string column, string message,
        CancellationToken ct)
    {
        var errors = new List<ImportError>();
        await using (var command = new NpgsqlCommand(
            $"SELECT i.line, i.external_id, i.{column} FROM {stage} i JOIN {table} t ON t.{column} = i.{column} AND t.external_id IS DISTINCT FROM i.external_id", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                errors.Add(new ImportError(reader.GetInt32(0), reader.GetString(1), string.Format(System.Globalization.CultureInfo.InvariantCulture, message, reader.GetString(2))));
            }
        }

        if (errors.Count > 0)
        {
            await ExecuteAsync(connection, $"DELETE FROM {stage} WHERE line = ANY(@lines)", ct,
                new NpgsqlParameter<int[]>("lines", [.. errors.Select(e => e.Line)]));
        }

        return errors;
    }

    /// <summary>Runs the upsert; returns the ids written and counts inserts and updates.</summary>
    private static async Task<List<int>> UpsertAsync(NpgsqlConnection connection, string sql, DateTimeOffset now, Action<bool> counted, CancellationToken ct)
    {
        var ids = new List<int>();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt32(0));
            counted(reader.GetBoolean(1));
        }

        return ids;
    }

    /// <summary>
    /// Drops from the stage the lines identical to the items they would update, and counts them as unchanged:
    /// re-importing a file that changes nothing writes nothing (no new row versions, no change-log rows, no false
    /// "someone else saved" for an editor with the item open).
    /// </summary>
    private static async Task DropUnchangedAsync(NpgsqlConnection connection, string sql, string type, ImportTally tally, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            tally.CountUnchanged(type);
        }
    }

    private async Task<(List<ImportError>, List<int>, ItemKind)> ArticlesAsync(NpgsqlConnection connection, IReadOnlyList<ArticleLine> batch, ImportTally tally,
        CancellationToken ct)
    {
        await ExecuteAsync(connection, """
            CREATE TEMP TABLE import_articles (line int, external_id text, slug text, title text, summary text, body text, published_on date,
                tags text[], sector_ids int[]) ON COMMIT DROP
            """, ct);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY import_articles (line, external_id, slug, title, summary, body, published_on, tags, sector_ids) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var a in batch)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(a.Line, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(a.ExternalId, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(a.Slug, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(a.Title, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(a.Summary, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(a.Body, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(a.PublishedOn, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(a.Tags, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await copy.WriteAsync(a.SectorIds, NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
            }

            await copy.CompleteAsync(ct);
        }

        var errors = await RefuseTakenAsync(connection, "import_articles", "articles", "slug", "another article already has the address “{0}”.", ct);
        await DropUnchangedAsync(connection, """
            DELETE FROM import_articles i USING articles a
            WHERE a.external_id = i.external_id AND a.status = 'Published'
                AND (a.slug, a.title, a.summary, a.body, a.published_on, a.tags) IS NOT DISTINCT FROM (i.slug, i.title, i.summary, i.body, i.published_on, i.tags)
                AND ARRAY(SELECT x.sectors_id FROM article_sectors x WHERE x.article_id = a.id ORDER BY 1)
                    = ARRAY(SELECT DISTINCT unnest(i.sector_ids) ORDER BY 1)
            RETURNING i.line
            """, Interchange.Article, tally, ct);
        // Imported articles are past newsletters: published. A changed text is an update readers are told about.
        var ids = await UpsertAsync(connection, """
            INSERT INTO articles AS a (external_id, slug, title, summary, body, published_on, status, event_date_precision, created_at, published_at, tags, position)
            SELECT external_id, slug, title, summary, body, published_on, 'Published', 'Day', @now, @now, tags, 0 FROM import_articles
            ON CONFLICT (external_id) DO UPDATE SET slug = excluded.slug, title = excluded.title, summary = excluded.summary, body = excluded.body,
                published_on = excluded.published_on, tags = excluded.tags, status = 'Published',
                published_at = CASE WHEN a.status <> 'Published' OR a.published_at IS NULL THEN @now ELSE a.published_at END,
                updated_at = CASE WHEN (a.title, a.summary, a.body, a.published_on) IS DISTINCT FROM (excluded.title, excluded.summary, excluded.body, excluded.published_on)
                    THEN @now ELSE a.updated_at END
            RETURNING id, xmax = 0
            """, Now, inserted => tally.Count(Interchange.Article, inserted), ct);
        await ExecuteAsync(connection, """
            DELETE FROM article_sectors s USING import_articles i JOIN articles a ON a.external_id = i.external_id WHERE s.article_id = a.id;
            INSERT INTO article_sectors (article_id, sectors_id)
            SELECT a.id, sector_id FROM import_articles i JOIN articles a ON a.external_id = i.external_id CROSS JOIN LATERAL unnest(i.sector_ids) AS sector_id
            """, ct);
        return (errors, ids, ItemKind.Article);
    }

    private async Task<(List<ImportError>, List<int>, ItemKind)> StandardsAsync(NpgsqlConnection connection, IReadOnlyList<StandardLine> batch, ImportTally tally,
        Dictionary<string, int> created, CancellationToken ct)
    {
        var issuers = await OrganisationIdsAsync(connection, batch.Select(s => (s.Issuer, (string?)null)), OrganisationKind.StandardsBody, created, ct);
        await ExecuteAsync(connection, """
            CREATE TEMP TABLE import_standards (line int, external_id text, slug text, code text, normalized_code text, code_key text, level text, code_year int,
                title_en text, title_zh text, status text, drafted_on date, published_on date, effective_on date, withdrawn_on date, issuer_id int,
                summary text, sector_ids int[], record_url text, full_text_url text, purchase_url text, drafting_organisations text[], drafters text[],
                competent_department text, adoption_codes text[], adoption_keys text[], adoption_degrees text[], edition_note text,
                has_amendments bool, amendment_dates date[], amendment_numbers text[], amendment_notes text[], has_reviews bool, review_dates date[],
                review_conclusions text[], ccs_code text, ics_codes text[], plan_code text, plan_code_key text, plan_deadline date,
                has_plan_stages bool, plan_stage_dates date[], plan_stage_kinds text[]) ON COMMIT DROP
            """, ct);
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY import_standards (line, external_id, slug, code, normalized_code, code_key, level, code_year, title_en, title_zh, status, drafted_on,
                published_on, effective_on, withdrawn_on, issuer_id, summary, sector_ids, record_url, full_text_url, purchase_url, drafting_organisations,
                drafters, competent_department, adoption_codes, adoption_keys, adoption_degrees, edition_note,
                has_amendments, amendment_dates, amendment_numbers, amendment_notes, has_reviews, review_dates, review_conclusions, ccs_code, ics_codes,
                plan_code, plan_code_key, plan_deadline, has_plan_stages, plan_stage_dates, plan_stage_kinds) FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var s in batch)
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

            await copy.CompleteAsync(ct);
        }

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

        await DropUnchangedAsync(connection, """
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
            """, Interchange.Standard, tally, ct);
        var ids = await UpsertAsync(connection, """
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
            """, Now, inserted => tally.Count(Interchange.Standard, inserted), ct);
        await ExecuteAsync(connection, """
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
            """, ct);
        return (errors, ids, ItemKind.Standard);
    }

    private async Task<(List<ImportError>, List<int>, ItemKind)> PoliciesAsync(NpgsqlConnection connection, IReadOnlyList<PolicyLine> batch, ImportTally tally,
        Dictionary<string, int> created, CancellationToken ct)
    {
        var authorities = await OrganisationIdsAsync(connection, batch.Select(p => (p.Authority, p.AuthorityName)), OrganisationKind.GovernmentAuthority, created, ct);
        await ExecuteAsync(connection, """
            CREATE TEMP TABLE import_policies (line int, external_id text, slug text, title text, kind text, status text, document_number text, issued_on date,
                summary text, source_url text, authority_id int, sector_ids int[], title_zh text, previous text, previous_portal_id int, version_kind text) ON COMMIT DROP
            """, ct);
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY import_policies (line, external_id, slug, title, kind, status, document_number, issued_on, summary, source_url, authority_id, sector_ids,
                title_zh, previous, previous_portal_id, version_kind)
            FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var p in batch)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(p.Line, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(p.ExternalId, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(p.Slug, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(p.Title, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(p.Kind.ToString(), NpgsqlDbType.Text, ct);
                await copy.WriteAsync(p.Status.ToString(), NpgsqlDbType.Text, ct);
                await WriteOrNullAsync(copy, p.DocumentNumber, NpgsqlDbType.Text, ct);
                await WriteOrNullAsync(copy, p.IssuedOn, NpgsqlDbType.Date, ct);
                await WriteOrNullAsync(copy, p.Summary, NpgsqlDbType.Text, ct);
                await WriteOrNullAsync(copy, p.SourceUrl, NpgsqlDbType.Text, ct);
                await WriteOrNullAsync<int?>(copy, p.Authority is null ? null : authorities[p.Authority], NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(p.SectorIds, NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
                await WriteOrNullAsync(copy, p.TitleZh, NpgsqlDbType.Text, ct);
                await WriteOrNullAsync(copy, p.Previous, NpgsqlDbType.Text, ct);
                await WriteOrNullAsync(copy, p.Previous is null ? null : Interchange.PortalIdNumber(Interchange.Policy, p.Previous), NpgsqlDbType.Integer, ct);
                await WriteOrNullAsync(copy, p.VersionKind?.ToString(), NpgsqlDbType.Text, ct);
            }

            await copy.CompleteAsync(ct);
        }

        var errors = await RefuseTakenAsync(connection, "import_policies", "policies", "slug", "another policy already has the address “{0}”.", ct);
        await DropUnchangedAsync(connection, """
            DELETE FROM import_policies i USING policies p
            WHERE p.external_id = i.external_id AND p.issued_on_precision = 'Day'
                AND (p.slug, p.title, p.title_zh, p.kind, p.status, p.document_number, p.issued_on, p.summary, p.source_url)
                IS NOT DISTINCT FROM (i.slug, i.title, i.title_zh, i.kind, i.status, i.document_number, i.issued_on, i.summary, i.source_url)
                AND (i.previous IS NULL OR (p.previous_version_id, p.version_kind) IS NOT DISTINCT FROM ((
                    COALESCE((SELECT r.id FROM policies r WHERE r.external_id = i.previous),
                        (SELECT r.id FROM policies r WHERE r.external_id IS NULL AND r.id = i.previous_portal_id))), i.version_kind))
                AND ARRAY(SELECT x.sectors_id FROM policy_sectors x WHERE x.policy_id = p.id ORDER BY 1)
                    = ARRAY(SELECT DISTINCT unnest(i.sector_ids) ORDER BY 1)
                AND ARRAY(SELECT x.organisation_id FROM policy_authority x WHERE x.policy_id = p.id ORDER BY x.position)
                    = CASE WHEN i.authority_id IS NULL THEN '{}'::int[] ELSE ARRAY[i.authority_id] END
            RETURNING i.line
            """, Interchange.Policy, tally, ct);
        var ids = await UpsertAsync(connection, """
            INSERT INTO policies AS p (external_id, slug, title, title_zh, kind, status, document_number, issued_on, issued_on_precision, summary, source_url, changed_at)
            SELECT external_id, slug, title, title_zh, kind, status, document_number, issued_on, 'Day', summary, source_url, @now FROM import_policies
            ON CONFLICT (external_id) DO UPDATE SET slug = excluded.slug, title = excluded.title, title_zh = excluded.title_zh, kind = excluded.kind,
                status = excluded.status, document_number = excluded.document_number, issued_on = excluded.issued_on, summary = excluded.summary,
                source_url = excluded.source_url,
                changed_at = CASE WHEN (p.slug, p.title, p.title_zh, p.kind, p.status, p.document_number, p.issued_on, p.summary, p.source_url)
                    IS DISTINCT FROM (excluded.slug, excluded.title, excluded.title_zh, excluded.kind, excluded.status, excluded.document_number,
                        excluded.issued_on, excluded.summary, excluded.source_url)
                    THEN @now ELSE p.changed_at END
            RETURNING id, xmax = 0
            """, Now, inserted => tally.Count(Interchange.Policy, inserted), ct);
        await ExecuteAsync(connection, """
            DELETE FROM policy_sectors x USING import_policies i JOIN policies p ON p.external_id = i.external_id WHERE x.policy_id = p.id;
            INSERT INTO policy_sectors (policy_id, sectors_id)
            SELECT p.id, sector_id FROM import_policies i JOIN policies p ON p.external_id = i.external_id CROSS JOIN LATERAL unnest(i.sector_ids) AS sector_id;
            DELETE FROM policy_authority x USING import_policies i JOIN policies p ON p.external_id = i.external_id WHERE x.policy_id = p.id;
            INSERT INTO policy_authority (policy_id, organisation_id, position)
            SELECT p.id, i.authority_id, 0 FROM import_policies i JOIN policies p ON p.external_id = i.external_id WHERE i.authority_id IS NOT NULL
            """, ct);
        ids.AddRange(await LinkPolicyVersionsAsync(connection, ct));
        return (errors, ids.Distinct().ToList(), ItemKind.Policy);
    }

    /// <summary>
    /// The organisations a batch names (an issuer "MIIT", an authority "NDRC" with its full name), matched by abbreviation, name or
    /// slug; one the portal does not know yet is created, in the batch's transaction.
    /// </summary>
    private async Task<Dictionary<string, int>> OrganisationIdsAsync(NpgsqlConnection connection, IEnumerable<(string? Key, string? Name)> named,
        OrganisationKind kind, Dictionary<string, int> created, CancellationToken ct)
    {
        var result = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, name) in named)
        {
            if (key is null || result.ContainsKey(key))
            {
                continue;
            }

            if (organisations.TryGetValue(key, out var id) || created.TryGetValue(key, out id))
            {
                result[key] = id;
                continue;
            }

            var fullName = name ?? key;
            var slug = Domain.Slug.From(key);
            await using var command = new NpgsqlCommand("""
                WITH added AS (
                    INSERT INTO organisations (slug, name, abbreviation, kind) VALUES (@slug, @name, @abbreviation, @kind)
                    ON CONFLICT (slug) DO NOTHING RETURNING id)
                SELECT id FROM added UNION ALL SELECT id FROM organisations WHERE slug = @slug LIMIT 1
                """, connection);
            command.Parameters.Add(new NpgsqlParameter<string>("slug", slug.Length == 0 ? "organisation" : slug));
            command.Parameters.Add(new NpgsqlParameter<string>("name", fullName));
            command.Parameters.Add(new NpgsqlParameter("abbreviation", fullName == key ? DBNull.Value : key));
            command.Parameters.Add(new NpgsqlParameter<string>("kind", kind.ToString()));
            id = (int)(await command.ExecuteScalarAsync(ct))!;
            created[key] = id;
            result[key] = id;
        }

        return result;
    }

    /// <summary>After the last batch: links superseded standards to the standards that replaced them, wherever those came in the file.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        if (supersessions.Count == 0)
        {
            return;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var linked = new List<int>();
        await using (var command = new NpgsqlCommand("""
            UPDATE standards s SET replaced_by_id = r.id
            FROM unnest(@ids, @keys) AS x(external_id, code_key) JOIN standards r ON r.code_key = x.code_key
            WHERE s.external_id = x.external_id AND r.id <> s.id AND s.replaced_by_id IS DISTINCT FROM r.id
            RETURNING s.id
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. supersessions.Select(s => s.ExternalId)]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("keys", [.. supersessions.Select(s => s.Key)]));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                linked.Add(reader.GetInt32(0));
            }
        }

        await ChangeLogWriter.AppendAsync(db, ItemKind.Standard, linked, ct);
        await tx.CommitAsync(ct);
        supersessions.Clear();
    }

    private static Task WriteOrNullAsync<TValue>(NpgsqlBinaryImporter copy, TValue? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);
}

/// <summary>How many items an import added and updated, by type.</summary>
public sealed class ImportTally
{
    public Dictionary<string, int> Added { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Updated { get; } = new(StringComparer.Ordinal);

    /// <summary>Lines identical to what the portal holds: nothing written.</summary>
    public Dictionary<string, int> Unchanged { get; } = new(StringComparer.Ordinal);

    public void CountUnchanged(string type) => Unchanged[type] = Unchanged.GetValueOrDefault(type) + 1;

    public void Count(string type, bool inserted)
    {
        var counts = inserted ? Added : Updated;
        counts[type] = counts.GetValueOrDefault(type) + 1;
    }

    public void Add(ImportTally other)
    {
        foreach (var (k, v) in other.Added)
        {
            Added[k] = Added.GetValueOrDefault(k) + v;
        }

        foreach (var (k, v) in other.Updated)
        {
            Updated[k] = Updated.GetValueOrDefault(k) + v;
        }

        foreach (var (k, v) in other.Unchanged)
        {
            Unchanged[k] = Unchanged.GetValueOrDefault(k) + v;
        }
    }

    public int Total => Added.Values.Sum() + Updated.Values.Sum();
}
