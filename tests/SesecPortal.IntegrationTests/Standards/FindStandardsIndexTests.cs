using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.IntegrationTests.Standards;

/// <summary>
/// The finder answers from the search index: for every kind of filter, sort and page its totals, every count and its
/// order equal what the source tables say (computed here from PostgreSQL with the portal's status rules); statuses count
/// withdrawals and supersessions from their days; words find what /search finds; a change through the portal shows on
/// the next request.
/// </summary>
public sealed class FindStandardsIndexTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private DateOnly Today => DateOnly.FromDateTime(Fixture.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    private async Task ImportCorpusAsync()
    {
        using var stream = new MemoryStream(await OpenDataCorpus.GenerateAsync(articles: 0, standards: 300, policies: 0, seed: 7));
        using var _ = Fixture.ActAs("editor@example.com", Roles.Editor);
        var result = await SendAsync(new ImportContent.Command(stream));
        result.Errors.Take(3).ShouldBeEmpty();
        result.Added["standard"].ShouldBeGreaterThan(250);
    }

    /// <summary>One standard as the source tables hold it, with what the finder filters, counts and sorts by.</summary>
    private sealed record Source(
        int Id, string Slug, string? CodeKey, string TitleKey, string? Level, int? Year, DateOnly? Date, string Status, string? Committee, int? CommitteeId,
        IReadOnlyList<(int Id, string Slug)> Sectors)
    {
        /// <summary>Its ICS groups from <c>standard_ics</c> and every group above them.</summary>
        public IReadOnlyList<string> Ics { get; init; } = [];

        public string? CcsClass { get; init; }
    }

    private async Task<List<Source>> SourceAsync()
    {
        await using var scope = Fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var rows = await db.Standards.AsNoTracking().Select(s => new
        {
            s.Id, s.Slug, s.NormalizedCode, s.Code, s.TitleEn, s.Level, s.Year, s.PublishedOn, s.EffectiveOn, s.DraftedOn, s.WithdrawnOn, s.Status,
            SupersededOn = s.ReplacedBy == null ? null : s.ReplacedBy.EffectiveOn ?? s.ReplacedBy.PublishedOn,
            Committee = s.Committee == null ? null : s.Committee.Slug, s.CommitteeId,
            Sectors = s.Sectors.Select(x => new { x.Id, x.Slug }).ToList(),
            Ics = s.Ics.Select(g => g.Code).ToList(),
            s.CcsCode,
        }).ToListAsync(Ct);
        var groups = await db.IcsGroups.AsNoTracking().ToDictionaryAsync(g => g.Code, g => g.ParentCode, Ct);
        IEnumerable<string> WithAncestors(string code)
        {
            for (string? c = code; c is not null; c = groups[c])
            {
                yield return c;
            }
        }
        static string Key(string text)
        {
            var key = text.Trim().ToLowerInvariant();
            return key.Length <= 100 ? key : key[..100];
        }

        return [.. rows.Select(r => new Source(
            r.Id, r.Slug, (r.NormalizedCode ?? r.Code) is { } code ? Key(code) : null, Key(r.TitleEn), r.Level?.ToString(), r.Year ?? (r.PublishedOn ?? r.DraftedOn)?.Year,
            r.PublishedOn ?? r.EffectiveOn ?? r.DraftedOn,
            StandardLifecycle.CurrentStatus(r.Status, r.EffectiveOn, r.WithdrawnOn, r.SupersededOn, Today).ToString(), r.Committee, r.CommitteeId,
            [.. r.Sectors.Select(x => (x.Id, x.Slug))])
        {
            Ics = [.. r.Ics.SelectMany(WithAncestors).Distinct()], CcsClass = r.CcsCode?[..1],
        })];
    }

    /// <summary>The finder's answer computed from the source rows: total, every count, and the sort keys of the page.</summary>
    private static string Expected(List<Source> all, FindStandards.Query query, string sort, int page)
    {
        bool In(IReadOnlyList<string>? filter, string? value) => filter is not { Count: > 0 } || (value is not null && filter.Contains(value));
        var levels = query.Level?.Select(l => FindStandards.Levels[l].ToString()).ToList();
        var beforeStatus = all.Where(s => (query.Sector is not { Count: > 0 } || s.Sectors.Any(x => query.Sector.Contains(x.Slug)))
            && (query.Ics is not { Count: > 0 } || s.Ics.Any(query.Ics.Contains)) && In(query.Ccs, s.CcsClass)
            && In(levels, s.Level) && In(query.Year, s.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture)) && In(query.Committee, s.Committee)).ToList();
        var matched = beforeStatus.Where(s => In(query.Status, s.Status)).ToList();
        IEnumerable<Source> ordered = sort == "date"
            ? matched.OrderBy(s => s.Date is null).ThenByDescending(s => s.Date).ThenBy(s => s.CodeKey is null).ThenBy(s => s.CodeKey, StringComparer.Ordinal).ThenBy(s => s.TitleKey, StringComparer.Ordinal)
            : matched.OrderBy(s => s.CodeKey is null).ThenBy(s => s.CodeKey, StringComparer.Ordinal).ThenBy(s => s.TitleKey, StringComparer.Ordinal);
        var lines = new List<string> { $"total {matched.Count}" };
        lines.AddRange(beforeStatus.GroupBy(s => s.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"status {g.Key} {g.Count()}"));
        lines.AddRange(matched.Where(s => s.Level is not null).GroupBy(s => s.Level).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"level {g.Key} {g.Count()}"));
        lines.AddRange(matched.Where(s => s.Year is not null).GroupBy(s => s.Year!.Value).OrderByDescending(g => g.Key).Take(FindStandards.MaxFacetValues).Select(g => $"year {g.Key} {g.Count()}"));
        lines.AddRange(matched.SelectMany(s => s.Sectors).GroupBy(x => x).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Id).Take(FindStandards.MaxFacetValues)
            .Select(g => $"sector {g.Key.Slug} {g.Count()}"));
        lines.AddRange(matched.Where(s => s.CommitteeId is not null).GroupBy(s => (s.CommitteeId!.Value, s.Committee)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Value)
            .Take(FindStandards.MaxFacetValues).Select(g => $"committee {g.Key.Committee} {g.Count()}"));
        var chosen = query.Ics ?? [];
        lines.AddRange(matched.SelectMany(s => s.Ics).GroupBy(c => c)
            .Where(g => chosen.Count == 0 ? !g.Key.Contains('.', StringComparison.Ordinal) : chosen.Contains(g.Key) || chosen.Any(c => g.Key.StartsWith(c + ".", StringComparison.Ordinal) && g.Key.Count(x => x == '.') == c.Count(x => x == '.') + 1))
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"ics {g.Key} {g.Count()}"));
        lines.AddRange(matched.Where(s => s.CcsClass is not null).GroupBy(s => s.CcsClass!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"ccs {g.Key} {g.Count()}"));
        lines.AddRange(ordered.Skip((page - 1) * FindStandards.PageSize).Take(FindStandards.PageSize).Select(s => $"row {s.CodeKey} | {s.TitleKey}"));
        return string.Join("\n", lines);
    }

    private static string Actual(FindStandards.Result result, List<Source> all)
    {
        var bySlug = all.ToDictionary(s => s.Slug);
        var lines = new List<string> { $"total {result.Total}" };
        lines.AddRange(result.Statuses.OrderBy(s => s.Value, StringComparer.Ordinal).Select(s => $"status {s.Value} {s.Count}"));
        lines.AddRange(result.Levels.Select(l => (Level: FindStandards.Levels[l.Value].ToString(), l.Count)).OrderBy(l => l.Level, StringComparer.Ordinal).Select(l => $"level {l.Level} {l.Count}"));
        lines.AddRange(result.Years.Select(y => $"year {y.Value} {y.Count}"));
        lines.AddRange(result.Sectors.Select(s => $"sector {s.Value} {s.Count}"));
        lines.AddRange(result.Committees.Select(c => $"committee {c.Value} {c.Count}"));
        lines.AddRange(result.Ics.Select(i => $"ics {i.Value} {i.Count}"));
        lines.AddRange(result.Ccs.Select(c => $"ccs {c.Value} {c.Count}"));
        lines.AddRange(result.Standards.Select(r => bySlug[r.Slug]).Select(s => $"row {s.CodeKey} | {s.TitleKey}"));
        return string.Join("\n", lines);
    }

    [Fact]
    public async Task Every_filter_sort_and_page_gives_what_the_source_tables_give()
    {
        await ImportCorpusAsync();
        var source = await SourceAsync();
        var all = await SendAsync(new FindStandards.Query());
        all.Total.ShouldBe(source.Count);
        string[] sectors = [.. all.Sectors.Select(s => s.Value)];
        string[] statuses = [.. all.Statuses.Select(s => s.Value)];
        string[] levels = [.. all.Levels.Select(l => l.Value)];
        string[] years = [.. all.Years.Select(y => y.Value)];
        string[] committees = [.. all.Committees.Select(c => c.Value)];
        (sectors.Length, statuses.Length, levels.Length, years.Length, committees.Length).ShouldSatisfyAllConditions(
            c => c.Item1.ShouldBeGreaterThan(5), c => c.Item2.ShouldBeGreaterThan(3), c => c.Item3.ShouldBeGreaterThan(3),
            c => c.Item4.ShouldBeGreaterThan(5), c => c.Item5.ShouldBeGreaterThan(1));

        string[] fields = [.. all.Ics.Select(i => i.Value)];
        string[] classes = [.. all.Ccs.Select(c => c.Value)];
        (fields.Length, classes.Length).ShouldSatisfyAllConditions(c => c.Item1.ShouldBeGreaterThan(5), c => c.Item2.ShouldBeGreaterThan(5));
        var groups = new List<string>();
        foreach (var field in fields.Take(4))
        {
            var below = await SendAsync(new FindStandards.Query(Ics: [field]));
            below.Ics.ShouldContain(i => i.Value == field && i.Selected);
            groups.AddRange(below.Ics.Where(i => !i.Selected).Take(2).Select(i => i.Value));
        }

        groups.ShouldNotBeEmpty();
        List<FindStandards.Query> queries =
        [
            new(), new(Sort: "date"), new(Page: "2"), new(Sort: "date", Page: "3"),
            .. sectors.Select(s => new FindStandards.Query(Sector: [s])),
            .. statuses.Select(s => new FindStandards.Query(Status: [s], Sort: "date")),
            .. levels.Select(l => new FindStandards.Query(Level: [l])),
            .. years.Take(6).Select(y => new FindStandards.Query(Year: [y])),
            .. committees.Select(c => new FindStandards.Query(Committee: [c])),
            .. sectors.Take(5).SelectMany(s => statuses.Select(st => new FindStandards.Query(Sector: [s], Status: [st]))),
            new(Sector: [sectors[0], sectors[1]], Level: [levels[0], levels[1]], Status: [statuses[0], statuses[1]], Page: "2"),
            new(Sector: [sectors[2]], Year: [years[0], years[1], years[2]], Sort: "date"),
            new(Level: [levels[0]], Committee: [committees[0]], Status: [statuses[0]]),
            .. fields.Select(f => new FindStandards.Query(Ics: [f])),
            .. groups.Select(g => new FindStandards.Query(Ics: [g], Sort: "date")),
            .. classes.Select(c => new FindStandards.Query(Ccs: [c])),
            new(Ics: [fields[0], groups[^1]], Ccs: [classes[0], classes[1]]),
            new(Ics: [groups[0]], Sector: [sectors[0]], Status: [statuses[0]]),
        ];
        foreach (var query in queries)
        {
            var result = await SendAsync(query);
            Actual(result, source).ShouldBe(Expected(source, query, result.Sort, result.Page), $"{query}");
        }
    }

    [Fact]
    public async Task Withdrawals_and_supersessions_count_from_their_days_in_the_finder_and_in_search()
    {
        var today = Today;
        string withdrawnSlug, laterSlug, laterCode, replacedSlug;
        await using (var scope = Fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var inForce = await db.Standards.Where(s => s.Code != null && s.ReplacedById == null && s.WithdrawnOn == null
                    && (s.Status == StandardStatus.InForce || (s.Status == StandardStatus.Published && s.EffectiveOn <= today)))
                .OrderBy(s => s.Id).Take(4).ToListAsync(Ct);
            inForce.Count.ShouldBe(4);
            var (withdrawn, later, replaced, replacement) = (inForce[0], inForce[1], inForce[2], inForce[3]);
            withdrawn.WithdrawnOn = today.AddDays(-1);
            later.WithdrawnOn = today.AddDays(30);
            replaced.ReplacedById = replacement.Id;
            replacement.EffectiveOn = today.AddDays(10);
            await db.SaveChangesAsync(Ct);
            await Fixture.WaitForChangesAsync();
            (await SendAsync(new FindStandards.Query(Status: ["Superseded"]))).Standards.Select(s => s.Slug).ShouldNotContain(replaced.Slug, "its replacement is not in force yet");

            // Only the replacement changes now: the standard it replaces is superseded from the new date, today.
            replacement.EffectiveOn = today;
            await db.SaveChangesAsync(Ct);
            (withdrawnSlug, laterSlug, laterCode, replacedSlug) = (withdrawn.Slug, later.Slug, later.Code!, replaced.Slug);
        }

        await Fixture.WaitForChangesAsync();

        var withdrawnList = await SendAsync(new FindStandards.Query(Status: ["Withdrawn"]));
        withdrawnList.Standards.Select(s => s.Slug).ShouldContain(withdrawnSlug);
        withdrawnList.Standards.Select(s => s.Slug).ShouldNotContain(laterSlug);
        (await SendAsync(new FindStandards.Query(Status: ["Superseded"]))).Standards.Select(s => s.Slug).ShouldContain(replacedSlug);
        var comingWithdrawal = (await SendAsync(new FindStandards.Query(Q: laterCode, Status: ["InForce"]))).Standards[0];
        comingWithdrawal.Slug.ShouldBe(laterSlug);
        comingWithdrawal.Status.ShouldStartWith("In force, withdrawn from");

        var source = await SourceAsync();
        var all = await SendAsync(new FindStandards.Query());
        Actual(all, source).ShouldBe(Expected(source, new FindStandards.Query(), all.Sort, all.Page));

        // /search counts the same statuses as the finder.
        var search = await SendAsync(new SearchPortal.Query(null, Kind: ["standard"]));
        search.Facets.Status.Select(s => (s.Value, s.Count)).OrderBy(s => s.Value)
            .ShouldBe(all.Statuses.Select(s => (s.Value, s.Count)).OrderBy(s => s.Value));
        (await SendAsync(new SearchPortal.Query(null, Kind: ["standard"], Status: ["Withdrawn"]))).Total.ShouldBe(withdrawnList.Total);
    }

    [Fact]
    public async Task Words_find_the_standards_search_finds_in_the_same_order()
    {
        await ImportCorpusAsync();
        foreach (var words in new[] { "green building", "information security", "GB/T 50378", "carbon -emission", "standardisation" })
        {
            var finder = await SendAsync(new FindStandards.Query(Q: words));
            var search = await SendAsync(new SearchPortal.Query(words, Kind: ["standard"]));
            finder.Total.ShouldBe(search.Total, words);
            finder.Sort.ShouldBe("relevance");
            finder.Standards.Take(search.Hits.Count).Select(s => $"/standards/{s.Slug}").ShouldBe(search.Hits.Select(h => h.Url), words);
        }
    }

    [Fact]
    public async Task A_standard_deleted_through_the_portal_leaves_the_list_and_its_counts()
    {
        var before = await SendAsync(new FindStandards.Query(Sector: ["construction"]));
        var gone = before.Standards[0];

        await using (var scope = Fixture.CreateScope())
        {
            var id = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Standards.Where(s => s.Slug == gone.Slug).Select(s => s.Id).SingleAsync(Ct);
            using var _ = Fixture.ActAs("editor@example.com", Roles.Editor);
            await SendAsync(new DeleteStandard.Command(id));
        }

        var after = await SendAsync(new FindStandards.Query(Sector: ["construction"]));
        after.Total.ShouldBe(before.Total - 1);
        after.Standards.ShouldNotContain(s => s.Slug == gone.Slug);
        after.Sectors.Single(s => s.Value == "construction").Count.ShouldBe(before.Sectors.Single(s => s.Value == "construction").Count - 1);
    }
}
