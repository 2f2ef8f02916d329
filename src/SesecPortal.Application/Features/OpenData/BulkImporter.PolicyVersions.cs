using Npgsql;

namespace SesecPortal.Application.Features.OpenData;

public sealed partial class BulkImporter
{
    /// <summary>
    /// Links the staged policies that name a <c>previous</c> version to it (by its interchange id, or the number of a
    /// <c>portal-policy-N</c> id), after the upsert so a version earlier in the same batch is there. Lines were checked
    /// before (<see cref="PolicyImportLinks"/>): the previous version exists, and the link makes no loop and no fork. Returns
    /// the policies whose chain changed (the linked ones and the versions they now follow or no longer follow) for the log.
    /// </summary>
    private async Task<List<int>> LinkPolicyVersionsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var changed = new List<int>();
        await using var command = new NpgsqlCommand("""
            WITH wanted AS (
                SELECT p.id, p.previous_version_id AS old_previous_id, i.version_kind,
                    COALESCE((SELECT r.id FROM policies r WHERE r.external_id = i.previous),
                        (SELECT r.id FROM policies r WHERE r.external_id IS NULL AND r.id = i.previous_portal_id)) AS previous_id
                FROM import_policies i JOIN policies p ON p.external_id = i.external_id
                WHERE i.previous IS NOT NULL
            ), linked AS (
                UPDATE policies p SET previous_version_id = w.previous_id, version_kind = w.version_kind, changed_at = @now
                FROM wanted w
                WHERE p.id = w.id AND w.previous_id IS NOT NULL AND w.previous_id <> p.id
                    AND (p.previous_version_id, p.version_kind) IS DISTINCT FROM (w.previous_id, w.version_kind)
                RETURNING p.id, w.previous_id, w.old_previous_id
            )
            SELECT id, previous_id, old_previous_id FROM linked
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", Now));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            changed.Add(reader.GetInt32(0));
            changed.Add(reader.GetInt32(1));
            if (!reader.IsDBNull(2))
            {
                changed.Add(reader.GetInt32(2));
            }
        }

        return changed;
    }
}
