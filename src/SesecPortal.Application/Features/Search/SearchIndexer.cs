using Markdig;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Search;

/// <summary>
/// Keeps <see cref="SearchEntry"/> rows in step with the items they describe. Called after the seed loads and after
/// anything changes; works in batches so a million items never sit in memory at once.
/// </summary>
public sealed class SearchIndexer(PortalDbContext db)
{
    private const int BatchSize = 1000;

    /// <summary>
    /// Builds the index when it is empty but there is content: a database that had content before the search index
    /// existed (or whose index was emptied) becomes searchable at the next start.
    /// </summary>
    /// <returns>Whether it rebuilt.</returns>
    public async Task<bool> EnsureBuiltAsync(CancellationToken ct)
    {
        if (await db.SearchEntries.AnyAsync(ct) || !(await db.Articles.AnyAsync(ct) || await db.Standards.AnyAsync(ct) || await db.Policies.AnyAsync(ct)))
        {
            return false;
        }

        await RebuildAsync(ct);
        return true;
    }

    public async Task RebuildAsync(CancellationToken ct)
    {
        foreach (var kind in Enum.GetValues<SearchKind>())
        {
            await RebuildAsync(kind, ct);
        }
    }

    public async Task RebuildAsync(SearchKind kind, CancellationToken ct)
    {
        await db.SearchEntries.Where(e => e.Kind == kind).ExecuteDeleteAsync(ct);
        var lastId = 0;
        while (true)
        {
            var entries = await LoadAsync(kind, lastId, null, ct);
            if (entries.Count == 0)
            {
                return;
            }

            await WriteAsync(entries, ct);
            lastId = entries[^1].ItemId;
        }
    }

    /// <summary>Re-indexes some items (after an edit); an item that is gone or no longer public leaves the index.</summary>
    public async Task IndexAsync(SearchKind kind, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        await db.SearchEntries.Where(e => e.Kind == kind && ids.Contains(e.ItemId)).ExecuteDeleteAsync(ct);
        await WriteAsync(await LoadAsync(kind, 0, ids, ct), ct);
    }

    /// <summary>
    /// Writes entries with a binary COPY, in the caller's transaction if there is one: a bulk import indexes thousands of
    /// items a batch, and row-by-row inserts that read back each generated vector cost more than the import itself.
    /// </summary>
    private async Task WriteAsync(List<SearchEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var copy = await connection.BeginBinaryImportAsync("""
                COPY search_entries (kind, item_id, slug, title, code, code_key, summary, body, date, year, status, effective_on, sectors, authorities)
                FROM STDIN (FORMAT BINARY)
                """, ct);
            foreach (var e in entries)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(e.Kind.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.ItemId, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(e.Slug, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.Title, NpgsqlDbType.Varchar, ct);
                await WriteOrNullAsync(copy, e.Code, NpgsqlDbType.Varchar, ct);
                await WriteOrNullAsync(copy, e.CodeKey, NpgsqlDbType.Varchar, ct);
                await WriteOrNullAsync(copy, e.Summary, NpgsqlDbType.Text, ct);
                await WriteOrNullAsync(copy, e.Body, NpgsqlDbType.Text, ct);
                await WriteOrNullAsync(copy, e.Date, NpgsqlDbType.Date, ct);
                await WriteOrNullAsync(copy, e.Year, NpgsqlDbType.Integer, ct);
                await WriteOrNullAsync(copy, e.Status, NpgsqlDbType.Varchar, ct);
                await WriteOrNullAsync(copy, e.EffectiveOn, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(e.Sectors, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await copy.WriteAsync(e.Authorities, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            }

            await copy.CompleteAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static Task WriteOrNullAsync<TValue>(NpgsqlBinaryImporter copy, TValue? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);

    private Task<List<SearchEntry>> LoadAsync(SearchKind kind, int afterId, IReadOnlyCollection<int>? ids, CancellationToken ct) => kind switch
    {
        SearchKind.Article => Articles(afterId, ids, ct),
        SearchKind.Policy => Policies(afterId, ids, ct),
        SearchKind.Standard => Standards(afterId, ids, ct),
        SearchKind.WorkingGroup => WorkingGroups(afterId, ids, ct),
        _ => Organisations(afterId, ids, ct),
    };

    private static IQueryable<T> Batch<T>(IQueryable<T> items, Func<IQueryable<T>, IQueryable<T>> keyset, IReadOnlyCollection<int>? ids, Func<IQueryable<T>, IQueryable<T>> byIds) =>
        ids is null ? keyset(items).Take(BatchSize) : byIds(items);

    private async Task<List<SearchEntry>> Articles(int afterId, IReadOnlyCollection<int>? ids, CancellationToken ct)
    {
        var rows = await Batch(db.Articles.AsNoTracking().Where(a => a.Status == PublicationStatus.Published),
                q => q.Where(a => a.Id > afterId).OrderBy(a => a.Id), ids, q => q.Where(a => ids!.Contains(a.Id)))
            .Select(a => new
            {
                a.Id, a.Slug, a.Title, a.Summary, a.Body, Date = a.EventDate ?? a.PublishedOn,
                Sectors = a.Sectors.Select(s => s.Slug).ToList(),
                Authorities = a.Organisations.Select(o => o.Slug).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return [.. rows.Select(a => new SearchEntry
        {
            Kind = SearchKind.Article, ItemId = a.Id, Slug = a.Slug, Title = a.Title, Summary = a.Summary, Body = PlainText(a.Body),
            Date = a.Date, Year = a.Date?.Year, Sectors = a.Sectors, Authorities = a.Authorities,
        })];
    }

    private async Task<List<SearchEntry>> Policies(int afterId, IReadOnlyCollection<int>? ids, CancellationToken ct)
    {
        var rows = await Batch(db.Policies.AsNoTracking(), q => q.Where(p => p.Id > afterId).OrderBy(p => p.Id), ids, q => q.Where(p => ids!.Contains(p.Id)))
            .Select(p => new
            {
                p.Id, p.Slug, p.Title, p.TitleZh, p.Summary, p.DocumentNumber, p.IssuedOn, p.Status,
                Sectors = p.Sectors.Select(s => s.Slug).ToList(),
                Authorities = p.Authorities.OrderBy(a => a.Position).Select(a => a.Organisation!.Slug).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return [.. rows.Select(p => new SearchEntry
        {
            Kind = SearchKind.Policy, ItemId = p.Id, Slug = p.Slug, Title = p.Title, Code = p.DocumentNumber, Summary = PlainText(p.Summary), Body = p.TitleZh,
            Date = p.IssuedOn, Year = p.IssuedOn?.Year, Status = p.Status.ToString(), Sectors = p.Sectors, Authorities = p.Authorities,
        })];
    }

    private async Task<List<SearchEntry>> Standards(int afterId, IReadOnlyCollection<int>? ids, CancellationToken ct)
    {
        var rows = await Batch(db.Standards.AsNoTracking(), q => q.Where(s => s.Id > afterId).OrderBy(s => s.Id), ids, q => q.Where(s => ids!.Contains(s.Id)))
            .Select(s => new
            {
                s.Id, s.Slug, s.Code, s.CodeKey, s.TitleEn, s.TitleZh, s.Summary, s.Status, s.PublishedOn, s.DraftedOn, s.EffectiveOn,
                Issuer = s.Issuer == null ? null : s.Issuer.Slug,
                Committee = s.Committee == null ? null : s.Committee.Name,
                Sectors = s.Sectors.Select(x => x.Slug).ToList(),
                Adoptions = s.Adoptions.OrderBy(a => a.Position).Select(a => a.Code).ToList(),
                s.DraftingOrganisations,
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return [.. rows.Select(s =>
        {
            var date = s.PublishedOn ?? s.DraftedOn;
            var year = date?.Year ?? (s.Code is not null && StandardCode.TryParse(s.Code, out var code) ? code.Year : null);
            return new SearchEntry
            {
                Kind = SearchKind.Standard, ItemId = s.Id, Slug = s.Slug, Title = s.TitleEn, Code = s.Code, CodeKey = s.CodeKey,
                Summary = PlainText(s.Summary),
                Body = string.Join(' ', new[] { s.TitleZh, s.Committee }.Where(x => x is not null).Concat(s.Adoptions).Concat(s.DraftingOrganisations)),
                Date = date, Year = year, Status = s.Status.ToString(), EffectiveOn = s.EffectiveOn, Sectors = s.Sectors,
                Authorities = s.Issuer is null ? [] : [s.Issuer],
            };
        })];
    }

    private async Task<List<SearchEntry>> WorkingGroups(int afterId, IReadOnlyCollection<int>? ids, CancellationToken ct)
    {
        var rows = await Batch(db.WorkingGroups.AsNoTracking(), q => q.Where(w => w.Id > afterId).OrderBy(w => w.Id), ids, q => q.Where(w => ids!.Contains(w.Id)))
            .Select(w => new
            {
                w.Id, w.Slug, w.Name, w.Code, w.Focus, w.EstablishedOn,
                Items = w.WorkItems.OrderBy(i => i.Position).Select(i => i.Title).ToList(),
                Sectors = w.Sectors.Select(s => s.Slug).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return [.. rows.Select(w => new SearchEntry
        {
            Kind = SearchKind.WorkingGroup, ItemId = w.Id, Slug = w.Slug, Title = w.Name, Code = w.Code, Summary = PlainText(w.Focus),
            Body = string.Join("\n", w.Items), Date = w.EstablishedOn, Year = w.EstablishedOn?.Year, Sectors = w.Sectors,
        })];
    }

    private async Task<List<SearchEntry>> Organisations(int afterId, IReadOnlyCollection<int>? ids, CancellationToken ct)
    {
        var rows = await Batch(db.Organisations.AsNoTracking(), q => q.Where(o => o.Id > afterId).OrderBy(o => o.Id), ids, q => q.Where(o => ids!.Contains(o.Id)))
            .Select(o => new { o.Id, o.Slug, o.Name, o.Abbreviation, o.Description, Sectors = o.Sectors.Select(s => s.Slug).ToList() })
            .ToListAsync(ct);
        return [.. rows.Select(o => new SearchEntry
        {
            Kind = SearchKind.Organisation, ItemId = o.Id, Slug = o.Slug, Title = o.Abbreviation is null ? o.Name : $"{o.Name} ({o.Abbreviation})",
            Summary = PlainText(o.Description), Sectors = o.Sectors,
        })];
    }

    private static string? PlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? null : Markdown.ToPlainText(markdown).Trim();
}
