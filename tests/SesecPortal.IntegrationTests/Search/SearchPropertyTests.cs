using System.Globalization;
using System.Text.Json;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Application.Features.Policies;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.IntegrationTests.Search;

/// <summary>
/// Search as a property of the database (issue 17 §6): after any sequence of edits, renames, publications and
/// unpublications, deletions and imports, once the index has caught up, every live item is found by its current title
/// (a standard also by its code), no text an item no longer shows finds it, and the facets of an empty search count
/// exactly what the source tables hold. The sequences are pseudo-random from a seed the failure message names.
/// </summary>
public sealed class SearchPropertyTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const int Operations = 25;
    private const string Author = "author@example.com";
    private const string Reviewer = "reviewer@example.com";

    private static readonly string[] Topics =
        ["monitoring requirements", "data exchange guideline", "energy efficiency rules", "testing methods", "safety assessment", "labelling scheme"];

    private readonly List<Item> items = [];
    private readonly List<string> log = [];
    private readonly List<string> words = [];
    private readonly HashSet<int> codeNumbers = [];
    private List<(int Id, string Slug)> sectors = [];
    private Random random = new();
    private int imports;

    [Theory]
    [InlineData(17)]
    [InlineData(2026)]
    [InlineData(424242)]
    public async Task After_random_changes_search_finds_what_is_live_by_its_current_text_only_and_counts_facets_as_the_database_does(int seed)
    {
        random = new Random(seed);
        await using (var db = Fixture.Database.CreateDbContext())
        {
            sectors = [.. (await db.Sectors.OrderBy(s => s.Id).Select(s => new { s.Id, s.Slug }).ToListAsync(Ct)).Select(s => (s.Id, s.Slug))];
        }

        for (var step = 1; step <= Operations; step++)
        {
            await StepAsync(step);
        }

        await Fixture.WaitForChangesAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {seed}:\n  {string.Join("\n  ", log)}");

        var failures = new List<string>();
        await CheckItemsAsync(failures);
        await CheckFacetsAsync(failures);
        failures.ShouldBeEmpty($"seed {seed}; the operations were:\n  {string.Join("\n  ", log)}\n");
    }

    /// <summary>An item the sequence made, as readers should find it.</summary>
    private sealed class Item
    {
        public required string Kind { get; init; }
        public required int Id { get; init; }
        public required string Url { get; init; }
        /// <summary>The word of the title readers see (when <see cref="Live"/>).</summary>
        public required string Word { get; set; }
        public string? Code { get; set; }
        public bool Live { get; set; }
        public bool Deleted { get; set; }
        /// <summary>Articles: the word of the title of the revision not yet published.</summary>
        public string? OpenWord { get; set; }
        /// <summary>Imported and never touched by an editor since: may be imported again with a new title.</summary>
        public string? ExternalId { get; set; }
        public HashSet<string> AllWords { get; } = [];
        public HashSet<string> AllCodes { get; } = [];

        public override string ToString() => $"{Kind} {Id} ({Url})";
    }

    private async Task StepAsync(int step)
    {
        var live = items.Where(i => i.Live).ToList();
        var operations = new List<(int Weight, Func<Task<string>> Run)>
        {
            (3, NewStandardAsync),
            (2, NewPolicyAsync),
            (3, NewPublishedArticleAsync),
            (1, NewDraftArticleAsync),
            (2, ImportAsync),
        };
        if (Pick(live.Where(i => i.Kind == "standard")) is { } standard)
        {
            operations.Add((3, () => RenameStandardAsync(standard)));
            operations.Add((1, () => DeleteStandardAsync(standard)));
        }

        if (Pick(live.Where(i => i.Kind == "policy")) is { } policy)
        {
            operations.Add((2, () => RetitlePolicyAsync(policy)));
            operations.Add((1, () => DeletePolicyAsync(policy)));
        }

        if (Pick(live.Where(i => i.Kind == "article")) is { } article)
        {
            operations.Add((3, () => ReviseAndPublishAsync(article)));
            operations.Add((2, () => SaveRevisionAsync(article)));
            operations.Add((2, () => UnpublishAsync(article)));
        }

        if (Pick(items.Where(i => i.Kind == "article" && !i.Live)) is { } offline)
        {
            operations.Add((2, () => PublishAsync(offline)));
        }

        var roll = random.Next(operations.Sum(o => o.Weight));
        var chosen = operations.SkipWhile(o => (roll -= o.Weight) >= 0).First();
        log.Add($"{step}. {await chosen.Run()}");
    }

    private async Task<string> NewStandardAsync()
    {
        var (word, code) = (NewWord(), NewCode());
        var published = RandomDate();
        var status = Enum.GetValues<StandardStatus>()[random.Next(6)];
        var command = new EditStandard.Command
        {
            Code = code, TitleEn = Title(word), Status = status, PublishedOn = published, EffectiveOn = published.AddDays(random.Next(0, 700)),
            // Withdrawn on a day already past: a withdrawal still to come is left out, as the index reads a standard's
            // status from its stored status and effective date only (a standard withdrawn from next year counts as
            // withdrawn today there, while its page says it is in force until then).
            WithdrawnOn = status == StandardStatus.Withdrawn && random.Next(2) == 0 ? PastOrNone(published.AddDays(random.Next(0, 1400))) : null,
            SectorIds = SectorIds(),
        };
        var id = await AsAsync(Author, command);
        var item = Track(new Item { Kind = "standard", Id = id, Url = await UrlAsync("standard", id), Word = word, Code = code, Live = true });
        return $"new standard {code} “{command.TitleEn}” ({status}) → {item}";
    }

    private async Task<string> RenameStandardAsync(Item standard)
    {
        var command = await SendAsync(new EditStandard.Query(standard.Id)) ?? throw new InvalidOperationException($"{standard} is gone.");
        var (word, code) = (NewWord(), NewCode());
        command.TitleEn = Title(word);
        command.Code = code;
        await AsAsync(Author, command);
        var was = $"{standard.Code} “{standard.Word}”";
        standard.Word = word;
        standard.Code = code;
        standard.ExternalId = null;
        Track(standard);
        return $"renamed {standard} from {was} to {code} “{command.TitleEn}”";
    }

    private async Task<string> DeleteStandardAsync(Item standard)
    {
        await AsAsync(Author, new DeleteStandard.Command(standard.Id));
        standard.Live = false;
        standard.Deleted = true;
        return $"deleted {standard}";
    }

    private async Task<string> NewPolicyAsync()
    {
        var word = NewWord();
        var command = new EditPolicy.Command
        {
            Title = $"Notice on {Title(word)}", Kind = Enum.GetValues<PolicyKind>()[random.Next(Enum.GetValues<PolicyKind>().Length)],
            Status = Enum.GetValues<PolicyStatus>()[random.Next(Enum.GetValues<PolicyStatus>().Length)],
            IssuedOn = random.Next(4) == 0 ? null : RandomDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            SectorIds = SectorIds(),
        };
        var id = await AsAsync(Author, command);
        var item = Track(new Item { Kind = "policy", Id = id, Url = await UrlAsync("policy", id), Word = word, Live = true });
        return $"new policy “{command.Title}” ({command.Status}, issued {command.IssuedOn ?? "undated"}) → {item}";
    }

    private async Task<string> RetitlePolicyAsync(Item policy)
    {
        var command = await SendAsync(new EditPolicy.Query(policy.Id)) ?? throw new InvalidOperationException($"{policy} is gone.");
        var word = NewWord();
        command.Title = $"Notice on {Title(word)}";
        await AsAsync(Author, command);
        var was = policy.Word;
        policy.Word = word;
        policy.ExternalId = null;
        Track(policy);
        return $"retitled {policy} from “{was}” to “{command.Title}”";
    }

    private async Task<string> DeletePolicyAsync(Item policy)
    {
        await AsAsync(Author, new DeletePolicy.Command(policy.Id));
        policy.Live = false;
        policy.Deleted = true;
        return $"deleted {policy}";
    }

    private async Task<string> NewPublishedArticleAsync()
    {
        var word = NewWord();
        var command = ArticleCommand(word, articleId: null, open: null);
        var saved = await AsAsync(Author, command);
        var item = Track(new Item { Kind = "article", Id = saved.ArticleId, Url = await UrlAsync("article", saved.ArticleId), Word = word, OpenWord = word });
        await PublishOpenRevisionAsync(item);
        return $"new article “{command.Title}”, published → {item}";
    }

    private async Task<string> NewDraftArticleAsync()
    {
        var word = NewWord();
        var command = ArticleCommand(word, articleId: null, open: null);
        var saved = await AsAsync(Author, command);
        var item = Track(new Item { Kind = "article", Id = saved.ArticleId, Url = await UrlAsync("article", saved.ArticleId), Word = word, OpenWord = word });
        return $"new draft article “{command.Title}”, not published → {item}";
    }

    /// <summary>A revision of a live article, saved and left unpublished: readers still see the live title.</summary>
    private async Task<string> SaveRevisionAsync(Item article)
    {
        var word = NewWord();
        var command = ArticleCommand(word, article.Id, await OpenRevisionAsync(article.Id));
        await AsAsync(Author, command);
        article.OpenWord = word;
        article.ExternalId = null;
        Track(article);
        return $"saved a revision “{command.Title}” of {article} without publishing it";
    }

    private async Task<string> ReviseAndPublishAsync(Item article)
    {
        var was = article.Word;
        var saved = await SaveRevisionAsync(article);
        await PublishOpenRevisionAsync(article);
        return $"{saved}, then published it (was “{was}”)";
    }

    private async Task<string> UnpublishAsync(Item article)
    {
        await AsAsync(Author, new UnpublishArticle.Command(article.Id));
        article.Live = false;
        article.ExternalId = null;
        // The live text stays the approved revision to publish again, unless a revision of it is already open.
        article.OpenWord ??= article.Word;
        return $"unpublished {article}";
    }

    private async Task<string> PublishAsync(Item article)
    {
        await PublishOpenRevisionAsync(article);
        return $"published {article} (“{article.Word}”)";
    }

    /// <summary>A few new items in a JSON Lines file, and now and then one imported before, again with a new title.</summary>
    private async Task<string> ImportAsync()
    {
        var lines = new List<(Item? Again, string Kind, string ExternalId, string Word, string? Code, string Json)>();
        var count = random.Next(1, 4);
        for (var n = 0; n < count; n++)
        {
            var kind = new[] { "article", "policy", "standard" }[random.Next(3)];
            lines.Add(ImportLine(null, kind, $"prop-{++imports}"));
        }

        if (Pick(items.Where(i => i.Live && i.ExternalId is not null)) is { } again)
        {
            lines.Add(ImportLine(again, again.Kind, again.ExternalId!));
        }

        var file = Encoding.UTF8.GetBytes(string.Join("\n", lines.Select(l => l.Json)) + "\n");
        var result = await SendAsync(new ImportContent.Command(new MemoryStream(file)));
        result.ErrorCount.ShouldBe(0, string.Join("; ", result.Errors.Select(e => $"line {e.Line}: {e.Message}")));

        await using var db = Fixture.Database.CreateDbContext();
        var described = new List<string>();
        foreach (var (itemAgain, kind, externalId, word, code, _) in lines)
        {
            if (itemAgain is not null)
            {
                described.Add($"{itemAgain} again as “{word}”{(code is null ? "" : $" {code}")} (was “{itemAgain.Word}”)");
                itemAgain.Word = word;
                itemAgain.Code = code ?? itemAgain.Code;
                Track(itemAgain);
                continue;
            }

            var id = kind switch
            {
                "article" => await db.Articles.Where(a => a.ExternalId == externalId).Select(a => a.Id).SingleAsync(Ct),
                "policy" => await db.Policies.Where(p => p.ExternalId == externalId).Select(p => p.Id).SingleAsync(Ct),
                _ => await db.Standards.Where(s => s.ExternalId == externalId).Select(s => s.Id).SingleAsync(Ct),
            };
            var item = Track(new Item { Kind = kind, Id = id, Url = await UrlAsync(kind, id), Word = word, Code = code, Live = true, ExternalId = externalId });
            described.Add($"{item} “{word}”{(code is null ? "" : $" {code}")}");
        }

        return $"imported {string.Join(", ", described)}";
    }

    private (Item? Again, string Kind, string ExternalId, string Word, string? Code, string Json) ImportLine(Item? again, string kind, string externalId)
    {
        var word = NewWord();
        var date = RandomDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var slug = again?.Url[(again.Url.LastIndexOf('/') + 1)..] ?? $"imported-{word}";
        var line = new Dictionary<string, object?> { ["type"] = kind, ["id"] = externalId, ["slug"] = slug, ["sectors"] = new[] { sectors[random.Next(sectors.Count)].Slug } };
        string? code = null;
        switch (kind)
        {
            case "article":
                line["title"] = Title(word);
                line["summary"] = "A short takeaway for readers.";
                line["body"] = "The text of the article, in a few plain words.";
                line["published_on"] = date;
                break;
            case "policy":
                line["title"] = $"Notice on {Title(word)}";
                line["issued_on"] = date;
                line["summary"] = "What the notice asks for.";
                break;
            default:
                code = again?.Code ?? NewCode();
                line["code"] = code;
                line["title"] = Title(word);
                line["status"] = new[] { "draft", "under-development", "published", "effective", "superseded", "withdrawn" }[random.Next(6)];
                line["published_on"] = date;
                break;
        }

        return (again, kind, externalId, word, code, JsonSerializer.Serialize(line));
    }

    /// <summary>Submits, approves and publishes the article's open revision (starting one with the title it will show, if none is open).</summary>
    private async Task PublishOpenRevisionAsync(Item article)
    {
        for (var turn = 0; turn < 5; turn++)
        {
            var open = await OpenRevisionAsync(article.Id);
            if (open is null)
            {
                await AsAsync(Author, ArticleCommand(article.OpenWord ?? article.Word, article.Id, null));
                continue;
            }

            if (open.State == RevisionState.Approved)
            {
                await AsAsync(Reviewer, new PublishArticle.Command(article.Id, open.Id, open.Version));
                article.Word = article.OpenWord ?? article.Word;
                article.OpenWord = null;
                article.Live = true;
                Track(article);
                return;
            }

            var (user, action) = open.State == RevisionState.InReview ? (Reviewer, ReviewArticle.Action.Approve) : (Author, ReviewArticle.Action.Submit);
            await AsAsync(user, new ReviewArticle.Command { ArticleId = article.Id, RevisionId = open.Id, Version = open.Version, Do = action });
        }

        throw new InvalidOperationException($"{article} could not be published.");
    }

    private SaveArticle.Command ArticleCommand(string word, int? articleId, ArticleRevision? open) => new()
    {
        ArticleId = articleId,
        RevisionId = open?.Id,
        Version = open?.Version ?? 0,
        Title = Title(word),
        Summary = "A short takeaway for readers.",
        Body = "The text of the article, in a few plain words.",
        EventDate = random.Next(3) == 0 ? null : RandomDate().ToString("yyyy-MM", CultureInfo.InvariantCulture),
        SectorIds = SectorIds(),
    };

    private async Task<ArticleRevision?> OpenRevisionAsync(int articleId)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.ArticleRevisions.AsNoTracking()
            .Where(r => r.ArticleId == articleId && (r.State == RevisionState.Draft || r.State == RevisionState.InReview || r.State == RevisionState.Approved))
            .SingleOrDefaultAsync(Ct);
    }

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

    private Item Track(Item item)
    {
        if (!items.Contains(item))
        {
            items.Add(item);
        }

        item.AllWords.Add(item.Word);
        if (item.OpenWord is { } open)
        {
            item.AllWords.Add(open);
        }

        if (item.Code is { } code)
        {
            item.AllCodes.Add(code);
        }

        return item;
    }

    private T? Pick<T>(IEnumerable<T> candidates) where T : class
    {
        var list = candidates.ToList();
        return list.Count == 0 ? null : list[random.Next(list.Count)];
    }

    /// <summary>
    /// An invented word of five syllables, more than three edits away from every word made before, so that neither
    /// prefixes nor typo tolerance can take one for another.
    /// </summary>
    private string NewWord()
    {
        const string consonants = "bdfgklmnprstvz";
        const string vowels = "aeiou";
        while (true)
        {
            var builder = new StringBuilder();
            for (var i = 0; i < 5; i++)
            {
                builder.Append(consonants[random.Next(consonants.Length)]).Append(vowels[random.Next(vowels.Length)]);
            }

            var word = builder.ToString();
            if (words.TrueForAll(w => Distance(w, word) > 3))
            {
                words.Add(word);
                return word;
            }
        }
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    /// <summary>A national recommended standard's code no other item of the run has (numbers 90000–98999, unused by the seed).</summary>
    private string NewCode()
    {
        int number;
        do
        {
            number = random.Next(90000, 99000);
        }
        while (!codeNumbers.Add(number));
        return $"GB/T {number}-{random.Next(2015, 2027)}";
    }

    private string Title(string word) => $"{char.ToUpperInvariant(word[0])}{word[1..]} {Topics[random.Next(Topics.Length)]}";

    private static DateOnly? PastOrNone(DateOnly day)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return day <= today ? day : null;
    }

    private DateOnly RandomDate() => new DateOnly(2015, 1, 1).AddDays(random.Next(0, 13 * 365));

    private List<int> SectorIds() => [.. sectors.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).Select(s => s.Id)];

    private async Task<string> UrlAsync(string kind, int id)
    {
        await using var db = Fixture.Database.CreateDbContext();
        var slug = kind switch
        {
            "article" => await db.Articles.Where(a => a.Id == id).Select(a => a.Slug).SingleAsync(Ct),
            "policy" => await db.Policies.Where(p => p.Id == id).Select(p => p.Slug).SingleAsync(Ct),
            _ => await db.Standards.Where(s => s.Id == id).Select(s => s.Slug).SingleAsync(Ct),
        };
        return new SesecPortal.Web.Infrastructure.PortalAddresses().Page(ItemRef.Of(SearchPortal.Kinds[kind], slug));
    }

    private async Task<T> AsAsync<T>(string user, ICommand<T> command)
    {
        using var _ = Fixture.ActAs(user, Roles.Editor);
        return await SendAsync(command);
    }
}
