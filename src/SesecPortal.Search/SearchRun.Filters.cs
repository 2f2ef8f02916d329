using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SesecPortal.Search;

/// <summary>A request's facet filters and window as non-scoring clauses, for Lucene and for the bitmaps.</summary>
internal sealed partial class SearchRun
{
    /// <summary>Facet filters as required term clauses (any value of a facet, every facet); the status filter is the collector's.</summary>
    private Filter? Filters(out IReadOnlySet<string>? acceptedStatuses)
    {
        acceptedStatuses = null;
        BooleanQuery? filter = null;
        var kept = new List<Query>();
        foreach (var (name, values) in request.Filters)
        {
            if (values is null || values.Count == 0)
            {
                continue;
            }

            if (name == "status")
            {
                acceptedStatuses = values.ToHashSet(StringComparer.Ordinal);
                continue;
            }

            var any = new BooleanQuery(disableCoord: true);
            foreach (var value in values.Distinct(StringComparer.Ordinal))
            {
                any.Add(new TermQuery(new Term(Fields.Facet(name), value)), Occur.SHOULD);
            }

            filter ??= new BooleanQuery(disableCoord: true) { Boost = 0f };
            filter.Add(any, Occur.MUST);
            kept.Add(any);
        }

        return filter is null ? null : new Filter(new ConstantScoreQuery(filter) { Boost = 0f }, kept, []);
    }

    /// <summary>The request's window as a required, non-scoring clause; null without one.</summary>
    private Filter? Window()
    {
        if (request.Within is not { } within)
        {
            return null;
        }

        var window = new BooleanQuery(disableCoord: true);
        var kept = new List<Query>();
        var transient = new List<Query>();
        if (within.Kinds.Count > 0)
        {
            var kinds = new BooleanQuery(disableCoord: true);
            foreach (var kind in within.Kinds.Distinct(StringComparer.Ordinal))
            {
                kinds.Add(new TermQuery(new Term(Fields.Facet("kind"), kind)), Occur.SHOULD);
            }

            window.Add(kinds, Occur.MUST);
            kept.Add(kinds);
        }

        if (within.ChangedAfter is not null || within.ChangedUntil is not null)
        {
            var period = NumericRangeQuery.NewInt64Range(Fields.Changed, within.ChangedAfter?.UtcTicks, within.ChangedUntil?.UtcTicks, false, true);
            window.Add(period, Occur.MUST);
            transient.Add(period);
        }

        if (window.Clauses.Count == 0)
        {
            var all = new MatchAllDocsQuery();
            window.Add(all, Occur.MUST);
            kept.Add(all);
        }

        return new Filter(new ConstantScoreQuery(window) { Boost = 0f }, kept, transient);
    }
}
