using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.IntegrationTests.Search;

/// <summary>
/// Search as a property of the database (issue 17 §6): after any sequence of edits, renames, publications and
/// unpublications, deletions and imports, once the index has caught up, every live item is found by its current title
/// (a standard also by its code), no text an item no longer shows finds it, and the facets of an empty search count
/// exactly what the source tables hold. The sequences are pseudo-random from a seed the failure message names.
/// </summary>
public sealed partial class SearchPropertyTests(IntegrationFixture fixture) : PortalTest(fixture)
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
