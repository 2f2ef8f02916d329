using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.IntegrationTests.Search;

public sealed partial class SearchPropertyTests
{
    /// <summary>Live items by their title's word (and code); every other word or code they ever had, or any text of an item offline or deleted, finds nothing of them.</summary>
    private async Task CheckItemsAsync(List<string> failures)
    {
        foreach (var item in items)
        {
            if (item.Live)
            {
                if (!(await UrlsAsync(item.Word)).Contains(item.Url))
                {
                    failures.Add($"{item} is not found by the word of its title “{item.Word}”");
                }

                if (item.Code is { } code && !(await UrlsAsync(code)).Contains(item.Url))
                {
                    failures.Add($"{item} is not found by its code {code}");
                }
            }

            foreach (var word in item.AllWords.Where(w => !item.Live || w != item.Word))
            {
                if ((await UrlsAsync(word)).Contains(item.Url))
                {
                    failures.Add($"{item} ({(item.Deleted ? "deleted" : item.Live ? "live" : "offline")}) is found by “{word}”, a title it no longer shows");
                }
            }

            foreach (var code in item.AllCodes.Where(c => !item.Live || c != item.Code))
            {
                if ((await UrlsAsync(code)).Contains(item.Url))
                {
                    failures.Add($"{item} ({(item.Deleted ? "deleted" : "live")}) is found by {code}, a code it no longer has");
                }
            }
        }
    }

    private async Task<List<string>> UrlsAsync(string q) => [.. (await SendAsync(new SearchPortal.Query(q))).Hits.Select(h => h.Url)];

    /// <summary>Each facet of an empty search against the same count made by PostgreSQL over the source tables.</summary>
    private async Task CheckFacetsAsync(List<string> failures)
    {
        var facets = (await SendAsync(new SearchPortal.Query(null))).Facets;
        var expected = await FacetCountsInDatabaseAsync();
        Compare("kind", facets.Kind, expected.Kind, failures);
        Compare("sector", facets.Sector, expected.Sector, failures);
        Compare("status", facets.Status, expected.Status, failures);
        Compare("authority", facets.Authority, expected.Authority, failures);
        Compare("year", facets.Year, expected.Year, failures, latestFirst: true);
    }

    private sealed record Counts(
        Dictionary<string, int> Kind, Dictionary<string, int> Sector, Dictionary<string, int> Status, Dictionary<string, int> Authority, Dictionary<string, int> Year);

    private sealed record Row(string Value, int Count);

    /// <summary>
    /// What readers may find (published articles; every policy, standard, committee and organisation), counted by
    /// PostgreSQL: by kind, sector, status (a standard's as it reads today: published becomes in force on its effective
    /// date, a withdrawal counts from its date), issuing authority and year.
    /// </summary>
    private async Task<Counts> FacetCountsInDatabaseAsync()
    {
        await using var db = Fixture.Database.CreateDbContext();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var articles = db.Articles.Where(a => a.Status == PublicationStatus.Published);

        var kind = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["article"] = await articles.CountAsync(Ct),
            ["policy"] = await db.Policies.CountAsync(Ct),
            ["standard"] = await db.Standards.CountAsync(Ct),
            ["working-group"] = await db.WorkingGroups.CountAsync(Ct),
            ["organisation"] = await db.Organisations.CountAsync(Ct),
        };

        var sector = Sum(
            await articles.SelectMany(a => a.Sectors).GroupBy(s => s.Slug).Select(g => new Row(g.Key, g.Count())).ToListAsync(Ct),
            await db.Policies.SelectMany(p => p.Sectors).GroupBy(s => s.Slug).Select(g => new Row(g.Key, g.Count())).ToListAsync(Ct),
            await db.Standards.SelectMany(s => s.Sectors).GroupBy(s => s.Slug).Select(g => new Row(g.Key, g.Count())).ToListAsync(Ct),
            await db.WorkingGroups.SelectMany(w => w.Sectors).GroupBy(s => s.Slug).Select(g => new Row(g.Key, g.Count())).ToListAsync(Ct),
            await db.Organisations.SelectMany(o => o.Sectors).GroupBy(s => s.Slug).Select(g => new Row(g.Key, g.Count())).ToListAsync(Ct));

        var authority = Sum(
            await articles.SelectMany(a => a.Organisations).GroupBy(o => o.Slug).Select(g => new Row(g.Key, g.Count())).ToListAsync(Ct),
            await db.Set<PolicyAuthority>().Select(a => new { a.PolicyId, a.Organisation!.Slug }).Distinct()
                .GroupBy(a => a.Slug).Select(g => new Row(g.Key, g.Count())).ToListAsync(Ct),
            await db.Standards.Where(s => s.IssuerId != null).GroupBy(s => s.Issuer!.Slug).Select(g => new Row(g.Key, g.Count())).ToListAsync(Ct));

        static List<Row> Years(List<(int Year, int Count)> rows) => [.. rows.Select(r => new Row(r.Year.ToString(CultureInfo.InvariantCulture), r.Count))];
        var year = Sum(
            Years([.. (await articles.Where(a => a.EventDate != null || a.PublishedOn != null).GroupBy(a => (a.EventDate ?? a.PublishedOn)!.Value.Year)
                .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct)).Select(g => (g.Key, g.Count))]),
            Years([.. (await db.Policies.Where(p => p.IssuedOn != null).GroupBy(p => p.IssuedOn!.Value.Year)
                .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct)).Select(g => (g.Key, g.Count))]),
            Years([.. (await db.Standards.Where(s => s.Year != null || s.PublishedOn != null || s.DraftedOn != null)
                .GroupBy(s => s.Year ?? (s.PublishedOn ?? s.DraftedOn)!.Value.Year)
                .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct)).Select(g => (g.Key, g.Count))]),
            Years([.. (await db.WorkingGroups.Where(w => w.EstablishedOn != null).GroupBy(w => w.EstablishedOn!.Value.Year)
                .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct)).Select(g => (g.Key, g.Count))]));

        var policyStatuses = await db.Policies.GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct);
        var standardStatuses = await db.Standards
            .GroupBy(s => new { s.Status, s.EffectiveOn, s.WithdrawnOn })
            .Select(g => new { g.Key.Status, g.Key.EffectiveOn, g.Key.WithdrawnOn, Count = g.Count() })
            .ToListAsync(Ct);
        var status = Sum(
            [.. policyStatuses.Select(p => new Row(p.Key.ToString(), p.Count))],
            [.. standardStatuses.Select(s => new Row(StandardLifecycle.CurrentStatus(s.Status, s.EffectiveOn, s.WithdrawnOn, today).ToString(), s.Count))]);

        return new Counts(kind, sector, status, authority, year);
    }

    private static Dictionary<string, int> Sum(params List<Row>[] parts)
    {
        var sum = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in parts.SelectMany(p => p))
        {
            sum[row.Value] = sum.GetValueOrDefault(row.Value) + row.Count;
        }

        return sum;
    }

    /// <summary>
    /// The facet shows the <see cref="SearchPortal.MaxFacetValues"/> values with the most items (years: the latest),
    /// each with the database's count.
    /// </summary>
    private static void Compare(string facet, IReadOnlyList<FacetValue> shown, Dictionary<string, int> expected, List<string> failures, bool latestFirst = false)
    {
        var present = expected.Where(e => e.Value > 0).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        foreach (var value in shown)
        {
            var count = present.GetValueOrDefault(value.Value);
            if (value.Count != count)
            {
                failures.Add($"facet {facet}: {value.Value} shows {value.Count}, the database counts {count}");
            }
        }

        var limit = Math.Min(SearchPortal.MaxFacetValues, present.Count);
        if (shown.Count != limit)
        {
            failures.Add($"facet {facet} shows {shown.Count} values, the database has {present.Count} (at most {SearchPortal.MaxFacetValues} are shown): "
                + $"missing {string.Join(", ", present.Keys.Except(shown.Select(s => s.Value)).Take(10))}");
        }

        var left = present.Where(p => !shown.Any(s => s.Value == p.Key)).ToList();
        if (shown.Count == 0 || left.Count == 0)
        {
            return;
        }

        if (latestFirst)
        {
            var earliestShown = shown.Select(s => s.Value).Min(StringComparer.Ordinal)!;
            foreach (var year in left.Where(l => string.CompareOrdinal(l.Key, earliestShown) > 0))
            {
                failures.Add($"facet {facet}: {year.Key} ({year.Value}) is not shown though later than {earliestShown}");
            }
        }
        else
        {
            var fewestShown = shown.Min(s => s.Count);
            foreach (var value in left.Where(l => l.Value > fewestShown))
            {
                failures.Add($"facet {facet}: {value.Key} ({value.Value}) is not shown though values with {fewestShown} are");
            }
        }
    }
}
