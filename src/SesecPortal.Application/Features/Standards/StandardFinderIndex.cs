using System.Data;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Standards;

/// <summary>
/// What the standards finder filters and counts, for every standard, held in memory: a few bytes a standard (about 7 MB
/// for 300,000), in code order and in date order as PostgreSQL sorts them. Filtering, every facet count and the page of
/// ids come from one pass over it (a millisecond or two at 300,000 standards) instead of seven scans in SQL (one to three
/// seconds at that size). It is a cache: the truth stays in PostgreSQL. Each use reads the <c>change_stamps</c> row that
/// triggers bump in every transaction writing standards, their sectors, sectors or working groups; a different stamp,
/// or a new day (statuses depend on the date), rebuilds it first, so a committed change shows on the next request, on
/// every instance. Searches with words or codes do not use it: they stay in SQL.
/// </summary>
public sealed class StandardFinderIndex : IDisposable
{
    private const string StampName = "standards";
    private readonly SemaphoreSlim building = new(1, 1);
    private Snapshot? current;

    /// <summary>Off (configuration <c>Finder:InMemoryIndex</c>), every finder request runs in SQL.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many times it was built: tests check that a change rebuilds it and a read does not.</summary>
    public int Builds { get; private set; }

    /// <summary>The index as of the latest committed change, rebuilt with <paramref name="db"/> if it is out of date.</summary>
    internal async Task<Snapshot> GetAsync(PortalDbContext db, DateOnly today, CancellationToken ct)
    {
        var stamp = await ReadStampAsync(db, ct);
        if (current is { } fresh && fresh.Stamp == stamp && fresh.Today == today)
        {
            return fresh;
        }

        await building.WaitAsync(ct);
        try
        {
            if (current is { } built && built.Stamp == stamp && built.Today == today)
            {
                return built;
            }

            current = await BuildAsync(db, today, ct);
            Builds++;
            return current;
        }
        finally
        {
            building.Release();
        }
    }

    public void Dispose() => building.Dispose();

    private static Task<long> ReadStampAsync(PortalDbContext db, CancellationToken ct) =>
        db.Database.SqlQuery<long>($"SELECT COALESCE((SELECT stamp FROM change_stamps WHERE name = {StampName}), 0) AS \"Value\"").SingleAsync(ct);

    private static async Task<Snapshot> BuildAsync(PortalDbContext db, DateOnly today, CancellationToken ct)
    {
        // One snapshot of the database for the stamp and every row, so they agree.
        var ownTransaction = db.Database.CurrentTransaction is null;
        await using var transaction = ownTransaction ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct) : null;
        var stamp = await ReadStampAsync(db, ct);
        var sectors = await db.Sectors.AsNoTracking().OrderBy(s => s.Id).Select(s => new Named(s.Id, s.Slug, s.Name)).ToListAsync(ct);
        var committees = await db.WorkingGroups.AsNoTracking().OrderBy(w => w.Id).Select(w => new Named(w.Id, w.Slug, w.Name)).ToListAsync(ct);
        // Streamed into compact arrays: materialising 300,000 rows as objects first cost tens of MB for a moment.
        var sectorBits = sectors.Select((s, i) => (s.Id, Bit: i)).ToDictionary(s => s.Id, s => s.Bit);
        var committeeIndex = committees.Select((c, i) => (c.Id, Index: i)).ToDictionary(c => c.Id, c => c.Index);
        var statusToday = FindStandards.CurrentStatus(today).Compile();
        var probe = new Standard { Slug = "", TitleEn = "" };
        // Sized up front (the counts are in the same snapshot): no array is grown and copied, and positions are looked up
        // by id in an array instead of a dictionary of 300,000 entries.
        var count = await db.Standards.CountAsync(ct);
        var maxId = count == 0 ? 0 : await db.Standards.MaxAsync(s => s.Id, ct);
        var all = new Entry[count];
        var position = new int[maxId + 1];
        Array.Fill(position, -1);
        var n = 0;
        await foreach (var r in FindStandards.OrderByCode(db.Standards.AsNoTracking())
            .Select(s => new { s.Id, s.Level, s.Status, s.EffectiveOn, s.WithdrawnOn, s.Year, s.CommitteeId }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (n == all.Length || r.Id > maxId)
            {
                continue; // written after the count, possible only inside a caller's read-committed transaction
            }

            (probe.Status, probe.EffectiveOn, probe.WithdrawnOn) = (r.Status, r.EffectiveOn, r.WithdrawnOn);
            position[r.Id] = n;
            all[n++] = new Entry(
                r.Id,
                r.CommitteeId is { } c && committeeIndex.TryGetValue(c, out var ci) ? ci : -1,
                0UL,
                r.Year is { } y ? (short)y : (short)0,
                r.Level is { } l ? (byte)((int)l + 1) : (byte)0,
                (byte)statusToday(probe));
        }

        var byDate = new int[count];
        var d = 0;
        await foreach (var id in FindStandards.OrderByDate(db.Standards.AsNoTracking()).Select(s => s.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (d < byDate.Length && id <= maxId && position[id] >= 0)
            {
                byDate[d++] = position[id];
            }
        }

        if (n < all.Length || d < byDate.Length)
        {
            Array.Resize(ref all, n);
            byDate = [.. byDate.Take(d).Where(i => i < n)];
        }

        var tooManySectors = sectors.Count > 64;
        if (!tooManySectors)
        {
            await foreach (var link in db.Standards.AsNoTracking().SelectMany(s => s.Sectors.Select(x => new { StandardId = s.Id, SectorId = x.Id }))
                .AsAsyncEnumerable().WithCancellation(ct))
            {
                if (link.StandardId <= maxId && position[link.StandardId] is var i and >= 0 && sectorBits.TryGetValue(link.SectorId, out var bit))
                {
                    all[i] = all[i] with { Sectors = all[i].Sectors | (1UL << bit) };
                }
            }
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return new Snapshot(stamp, today, all, byDate, sectors, committees, tooManySectors);
    }

    internal sealed record Named(int Id, string Slug, string Name);

    /// <summary>One standard: its id, committee (index into the committees, or -1), sectors (bits), year (0: none), level (0: none, else level + 1) and status today.</summary>
    internal readonly record struct Entry(int Id, int Committee, ulong Sectors, short Year, byte Level, byte Status);

    /// <summary>What the finder asks: each filter empty for "any".</summary>
    internal sealed record Selection(
        IReadOnlyCollection<string> Sectors, IReadOnlyCollection<StandardLevel> Levels, IReadOnlyCollection<int> Years,
        IReadOnlyCollection<string> Committees, IReadOnlyCollection<StandardStatus> Statuses);

    /// <summary>Counts within every filter, statuses within every filter but status; top 30 sectors, committees and years.</summary>
    internal sealed record Tally(
        int Total, IReadOnlyList<(StandardStatus Status, int Count)> Statuses, IReadOnlyList<(StandardLevel? Level, int Count)> Levels,
        IReadOnlyList<(int Year, int Count)> Years, IReadOnlyList<(string Slug, string Name, int Count)> Sectors,
        IReadOnlyList<(string Slug, string Name, int Count)> Committees);

    internal sealed class Snapshot(
        long stamp, DateOnly today, Entry[] entries, int[] dateOrder, IReadOnlyList<Named> sectors, IReadOnlyList<Named> committees, bool tooManySectors)
    {
        public long Stamp { get; } = stamp;

        public DateOnly Today { get; } = today;

        /// <summary>More sectors than bits in a word: the finder uses SQL instead.</summary>
        public bool Usable => !tooManySectors;

        public Tally Count(Selection selection, int facetValues)
        {
            var filter = Filter.Of(selection, sectors, committees);
            var statusCounts = new int[256];
            var levelCounts = new int[256];
            var yearCounts = new int[short.MaxValue + 1];
            var sectorCounts = new int[64];
            var committeeCounts = new int[committees.Count];
            var total = 0;
            foreach (ref readonly var e in entries.AsSpan())
            {
                if (!filter.MatchesAllButStatus(e))
                {
                    continue;
                }

                statusCounts[e.Status]++;
                if (!filter.MatchesStatus(e))
                {
                    continue;
                }

                total++;
                levelCounts[e.Level]++;
                if (e.Year > 0)
                {
                    yearCounts[e.Year]++;
                }

                if (e.Committee >= 0)
                {
                    committeeCounts[e.Committee]++;
                }

                for (var bits = e.Sectors; bits != 0; bits &= bits - 1)
                {
                    sectorCounts[System.Numerics.BitOperations.TrailingZeroCount(bits)]++;
                }
            }

            return new Tally(
                total,
                [.. statusCounts.Select((n, s) => ((StandardStatus)s, n)).Where(s => s.n > 0)],
                [.. levelCounts.Select((n, l) => (l == 0 ? (StandardLevel?)null : (StandardLevel)(l - 1), n)).Where(l => l.n > 0)],
                [.. Enumerable.Range(0, yearCounts.Length).Reverse().Where(y => y > 0 && yearCounts[y] > 0).Take(facetValues).Select(y => (y, yearCounts[y]))],
                Top(sectors, sectorCounts, facetValues),
                Top(committees, committeeCounts, facetValues));
        }

        /// <summary>The ids of one page, in code or date order.</summary>
        public List<int> Page(Selection selection, bool byDate, int skip, int take)
        {
            var filter = Filter.Of(selection, sectors, committees);
            var ids = new List<int>(take);
            var seen = 0;
            var length = byDate ? dateOrder.Length : entries.Length;
            for (var i = 0; i < length && ids.Count < take; i++)
            {
                ref readonly var e = ref entries[byDate ? dateOrder[i] : i];
                if (filter.MatchesAllButStatus(e) && filter.MatchesStatus(e) && seen++ >= skip)
                {
                    ids.Add(e.Id);
                }
            }

            return ids;
        }

        /// <summary>Most first, then in the order the values were created (their ids): the SQL path breaks ties alike.</summary>
        private static List<(string Slug, string Name, int Count)> Top(IReadOnlyList<Named> values, int[] counts, int take) =>
            [.. values.Select((v, i) => (v, Count: i < counts.Length ? counts[i] : 0)).Where(v => v.Count > 0)
                .OrderByDescending(v => v.Count).ThenBy(v => v.v.Id).Take(take).Select(v => (v.v.Slug, v.v.Name, v.Count))];
    }

    /// <summary>A selection turned into bit masks and lookup tables over the snapshot's numbering.</summary>
    private readonly struct Filter
    {
        private readonly ulong sectors;
        private readonly bool anySector;
        private readonly bool[]? levels;
        private readonly HashSet<short>? years;
        private readonly bool[]? committees;
        private readonly bool[]? statuses;

        private Filter(ulong sectors, bool anySector, bool[]? levels, HashSet<short>? years, bool[]? committees, bool[]? statuses)
        {
            this.sectors = sectors;
            this.anySector = anySector;
            this.levels = levels;
            this.years = years;
            this.committees = committees;
            this.statuses = statuses;
        }

        public static Filter Of(Selection s, IReadOnlyList<Named> sectorList, IReadOnlyList<Named> committeeList)
        {
            var sectorMask = 0UL;
            for (var i = 0; i < sectorList.Count && i < 64; i++)
            {
                if (s.Sectors.Contains(sectorList[i].Slug))
                {
                    sectorMask |= 1UL << i;
                }
            }

            bool[]? levels = null;
            if (s.Levels.Count > 0)
            {
                levels = new bool[256];
                foreach (var l in s.Levels)
                {
                    levels[(int)l + 1] = true;
                }
            }

            bool[]? committees = null;
            if (s.Committees.Count > 0)
            {
                committees = new bool[committeeList.Count];
                for (var i = 0; i < committeeList.Count; i++)
                {
                    committees[i] = s.Committees.Contains(committeeList[i].Slug);
                }
            }

            bool[]? statuses = null;
            if (s.Statuses.Count > 0)
            {
                statuses = new bool[256];
                foreach (var st in s.Statuses)
                {
                    statuses[(int)st] = true;
                }
            }

            return new Filter(
                sectorMask, s.Sectors.Count > 0, levels, s.Years.Count > 0 ? [.. s.Years.Select(y => (short)y)] : null, committees, statuses);
        }

        public bool MatchesAllButStatus(in Entry e) =>
            (!anySector || (e.Sectors & sectors) != 0)
            && (levels is null || levels[e.Level])
            && (years is null || years.Contains(e.Year))
            && (committees is null || (e.Committee >= 0 && committees[e.Committee]));

        public bool MatchesStatus(in Entry e) => statuses is null || statuses[e.Status];
    }
}
