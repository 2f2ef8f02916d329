using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Targets;

/// <summary>Quantitative policy targets, browsed by sector and target year, with counts.</summary>
public static class ListTargets
{
    public sealed record Query(IReadOnlyList<string>? Sector = null, IReadOnlyList<string>? Year = null, int? PolicyId = null, int? StandardId = null) : IQuery<Result>;

    public sealed record Result(IReadOnlyList<TargetRow> Targets, IReadOnlyList<FacetValue> Sectors, IReadOnlyList<FacetValue> Years, IReadOnlyList<string> Messages);

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var input = new QueryInput();
            var knownSectors = await input.KnownAsync("sector", query.Sector, db.Sectors.Select(s => s.Slug), ct);
            var years = QueryInput.Values(query.Year);
            var validYears = years.Select(y => int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1900 and <= 2200 ? n : (int?)null).ToList();
            input.Ignored("year", years.Where((_, i) => validYears[i] is null));
            var yearValues = validYears.OfType<int>().Select(y => (int?)y).ToList();

            var targets = db.Targets.AsNoTracking();
            if (query.PolicyId is { } policyId)
            {
                targets = targets.Where(t => t.PolicyId == policyId);
            }

            if (query.StandardId is { } standardId)
            {
                targets = targets.Where(t => t.StandardId == standardId);
            }

            var bySector = knownSectors.Count == 0 ? targets : targets.Where(t => t.Sectors.Any(s => knownSectors.Contains(s.Slug)));
            var filtered = yearValues.Count == 0 ? bySector : bySector.Where(t => yearValues.Contains(t.TargetYear));

            var rows = await filtered.OrderBy(t => t.TargetYear == null).ThenBy(t => t.TargetYear).ThenBy(t => t.Position)
                .Select(t => new
                {
                    t.Metric, t.Comparison, t.Value, t.Unit, t.TargetYear, t.Baseline, t.Quote,
                    Policy = t.Policy == null ? null : new Link(t.Policy.Slug, t.Policy.Title, null),
                    Standard = t.Standard == null ? null : new Link(t.Standard.Slug, t.Standard.Code ?? t.Standard.TitleEn, null),
                    Sectors = t.Sectors.OrderBy(s => s.Position).Select(s => new Link(s.Slug, s.Name, null)).ToList(),
                })
                .AsSplitQuery().ToListAsync(ct);
            var sectorCounts = await (yearValues.Count == 0 ? targets : targets.Where(t => yearValues.Contains(t.TargetYear)))
                .SelectMany(t => t.Sectors).GroupBy(s => new { s.Slug, s.Name, s.Position })
                .Select(g => new { g.Key.Slug, g.Key.Name, g.Key.Position, Count = g.Count() }).OrderBy(g => g.Position).ToListAsync(ct);
            var yearCounts = await bySector.Where(t => t.TargetYear != null).GroupBy(t => t.TargetYear)
                .Select(g => new { g.Key, Count = g.Count() }).OrderBy(g => g.Key).ToListAsync(ct);

            return new Result(
                [.. rows.Select(t => new TargetRow(t.Metric, TargetStatement.Of(t.Comparison, t.Value, t.Unit), t.TargetYear, t.Baseline, t.Quote,
                    t.Policy ?? t.Standard, t.Policy is not null ? "policy" : "standard", t.Sectors))],
                [.. sectorCounts.Select(s => new FacetValue(s.Slug, s.Name, s.Count, knownSectors.Contains(s.Slug)))],
                [.. yearCounts.Select(y => new FacetValue(y.Key!.Value.ToString(CultureInfo.InvariantCulture), y.Key.Value.ToString(CultureInfo.InvariantCulture), y.Count, yearValues.Contains(y.Key)))],
                input.Messages);
        }
    }
}
