using Npgsql;
using NpgsqlTypes;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.OpenData;

public sealed partial class BulkImporter
{
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
}
