using Npgsql;
using NpgsqlTypes;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.OpenData;

public sealed partial class BulkImporter
{
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
        await DropUnchangedAsync(connection, UnchangedPoliciesSql, Interchange.Policy, tally, ct);
        var ids = await UpsertAsync(connection, UpsertPoliciesSql, Now, inserted => tally.Count(Interchange.Policy, inserted), ct);
        await ExecuteAsync(connection, PolicyListsSql, ct);
        ids.AddRange(await LinkPolicyVersionsAsync(connection, ct));
        return (errors, ids.Distinct().ToList(), ItemKind.Policy);
    }

    /// <summary>Lines identical to the policy they would update, its version link, sectors and authority included.</summary>
    private const string UnchangedPoliciesSql = """
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
            """;

    /// <summary>Adds or updates the policies; <c>changed_at</c> moves only when what readers see changed.</summary>
    private const string UpsertPoliciesSql = """
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
            """;

    /// <summary>Replaces the sectors and the authority of the policies staged.</summary>
    private const string PolicyListsSql = """
            DELETE FROM policy_sectors x USING import_policies i JOIN policies p ON p.external_id = i.external_id WHERE x.policy_id = p.id;
            INSERT INTO policy_sectors (policy_id, sectors_id)
            SELECT p.id, sector_id FROM import_policies i JOIN policies p ON p.external_id = i.external_id CROSS JOIN LATERAL unnest(i.sector_ids) AS sector_id;
            DELETE FROM policy_authority x USING import_policies i JOIN policies p ON p.external_id = i.external_id WHERE x.policy_id = p.id;
            INSERT INTO policy_authority (policy_id, organisation_id, position)
            SELECT p.id, i.authority_id, 0 FROM import_policies i JOIN policies p ON p.external_id = i.external_id WHERE i.authority_id IS NOT NULL
            """;
}
