using System.Net;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Application.Features.Policies;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Search;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests.Search;

/// <summary>
/// The indexer killed in the middle of a batch (issue 17 §5): an instance stopped while it follows an import, its index
/// folder left as a crash leaves it (segment files of a batch that never committed, a lock file nobody holds), and a new
/// instance on that folder converges with the database: nothing missing, nothing twice, nothing deleted.
/// </summary>
public sealed partial class SearchIndexCrashTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string Editor = "editor@example.com";
    private const string Zombie = "zombiewordofahalfbatch";

    [Fact]
    public async Task An_instance_stopped_while_following_an_import_and_left_with_half_a_batch_on_disk_converges_with_each_item_once()
    {
        var path = Path.Combine(Path.GetTempPath(), "sesecportal-tests", "search", $"crash-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string> { ["Search:IndexPath"] = path };
        var (json, lines) = ImportFile(articles: 300, standards: 60, policies: 60);
        var (import, stopped) = await ImportWhileAnInstanceFollowsAsync(json, settings);

        // Stopping lets the batch under way finish: the last position it committed is where a restart resumes.
        var stoppedAt = stopped.Position;
        TestContext.Current.TestOutputHelper?.WriteLine($"stopped at {stoppedAt}, the import {(import.IsCompleted ? "finished" : "still running")}");

        var results = await import;
        results.Sum(r => r.ErrorCount).ShouldBe(0, string.Join("; ", results.SelectMany(r => r.Errors).Select(e => $"line {e.Line}: {e.Message}")));
        await ReadIdsAsync(lines);
        var committed = LeaveHalfABatch(path, lines);

        // While it is down: some of the imported items are deleted or taken offline.
        var gone = await TakeSomeOfflineAsync(lines);
        gone.Select(g => g.Kind).Distinct().Count().ShouldBe(3, "an article, a policy and a standard each leave search");

        // The last commit on disk is the one the stopped instance made: the half batch after it was never committed.
        using (var directory = FSDirectory.Open(path))
        using (var reader = DirectoryReader.Open(directory))
        {
            reader.IndexCommit.UserData["position"].ShouldBe(stoppedAt);
            reader.NumDocs.ShouldBe(committed);
            reader.DocFreq(new Term("title", Zombie)).ShouldBe(0);
        }

        await using var restarted = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true, settings: settings);
        using var onRestarted = new HttpClient { BaseAddress = restarted.ServerAddress };
        await ReadyAsync(onRestarted);
        var search = restarted.Services.GetRequiredService<PortalSearchIndex>().Index;

        search.Recreated.ShouldBeFalse("the folder held a readable index: it is followed from its last commit, not thrown away");
        var keys = AllKeys(search);
        keys.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty("no item is in the index twice");
        keys.Order().ShouldBe((await SearchableKeysAsync()).Order(), "the index holds exactly what readers may find");
        search.DocumentCount.ShouldBe(keys.Count);

        await using var scope = restarted.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var failures = await MisfoundAsync(sender, lines, gone);
        failures.ShouldBeEmpty();
        (await sender.Send(new SearchPortal.Query(Zombie), Ct)).Total.ShouldBe(0, "nothing of the uncommitted batch is searchable");
    }

    /// <summary>
    /// A second instance follows the import (four files, one after the other) and is stopped as soon as it has applied a
    /// batch of it: what is imported after that, it must catch up with when it starts again.
    /// </summary>
    private async Task<(Task<List<ImportContent.Result>> Import, SearchIndex Stopped)> ImportWhileAnInstanceFollowsAsync(
        List<string> json, Dictionary<string, string> settings)
    {
        var files = json.Chunk(json.Count / 4 + 1).Select(chunk => Encoding.UTF8.GetBytes(string.Join("\n", chunk) + "\n")).ToList();
        async Task<List<ImportContent.Result>> ImportAllAsync()
        {
            var results = new List<ImportContent.Result>();
            foreach (var file in files)
            {
                results.Add(await SendAsync(new ImportContent.Command(new MemoryStream(file))));
            }

            return results;
        }

        await using var follower = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true, settings: settings);
        using var client = new HttpClient { BaseAddress = follower.ServerAddress };
        await ReadyAsync(client);
        var stopped = follower.Services.GetRequiredService<PortalSearchIndex>().Index;
        var before = stopped.Position;
        var import = ImportAllAsync();
        await Until.TrueAsync(() => Task.FromResult(stopped.Position != before || import.IsCompleted), "the second instance to apply a batch of the import", TimeSpan.FromSeconds(120));
        return (import, stopped);
    }

    private async Task ReadIdsAsync(List<ImportedItem> lines)
    {
        await using var db = Fixture.Database.CreateDbContext();
        foreach (var line in lines)
        {
            line.Id = line.Kind switch
            {
                "article" => await db.Articles.Where(a => a.ExternalId == line.ExternalId).Select(a => a.Id).SingleAsync(Ct),
                "policy" => await db.Policies.Where(p => p.ExternalId == line.ExternalId).Select(p => p.Id).SingleAsync(Ct),
                _ => await db.Standards.Where(s => s.ExternalId == line.ExternalId).Select(s => s.Id).SingleAsync(Ct),
            };
        }
    }

    /// <summary>Every 25th imported item is deleted (a policy, a standard) or unpublished (an article).</summary>
    private async Task<List<ImportedItem>> TakeSomeOfflineAsync(List<ImportedItem> lines)
    {
        var gone = new List<ImportedItem>();
        foreach (var line in lines.Where((_, n) => n % 25 == 3))
        {
            ICommand<Unit> command = line.Kind switch
            {
                "article" => new UnpublishArticle.Command(line.Id),
                "policy" => new DeletePolicy.Command(line.Id),
                _ => new DeleteStandard.Command(line.Id),
            };
            using (Fixture.ActAs(Editor, Roles.Editor))
            {
                await SendAsync(command);
            }

            gone.Add(line);
        }

        return gone;
    }

    /// <summary>Each imported item searched for by its word: found once when live, never when gone; what is not so, named.</summary>
    private static async Task<List<string>> MisfoundAsync(ISender sender, List<ImportedItem> lines, List<ImportedItem> gone)
    {
        var failures = new List<string>();
        foreach (var line in lines)
        {
            var url = line.Kind switch
            {
                "article" => $"/articles/{line.Slug}",
                "policy" => $"/policies/{line.Slug}",
                _ => $"/standards/{line.Slug}",
            };
            var found = (await sender.Send(new SearchPortal.Query(line.Word), Ct)).Hits.Count(h => h.Url == url);
            var expected = gone.Contains(line) ? 0 : 1;
            if (found != expected)
            {
                failures.Add($"{line.Kind} {line.ExternalId} “{line.Word}”: found {found} times, expected {expected}");
            }
        }

        return failures;
    }

    private sealed class ImportedItem(string kind, string externalId, string slug, string word)
    {
        public string Kind { get; } = kind;
        public string ExternalId { get; } = externalId;
        public string Slug { get; } = slug;
        public string Word { get; } = word;
        public int Id { get; set; }
    }

    /// <summary>The key of every document in the index ("article:12"), once per document.</summary>
    private static List<string> AllKeys(SearchIndex index)
    {
        var keys = new List<string>();
        for (var page = 1; ; page++)
        {
            var results = index.Search(new SearchRequest { Sort = SearchSort.Title, Page = page, PageSize = 1000 });
            keys.AddRange(results.Hits.Select(h => $"{h.Kind}:{h.Id}"));
            if (results.Hits.Count < 1000)
            {
                results.Total.ShouldBe(keys.Count);
                return keys;
            }
        }
    }

    /// <summary>What readers may find, by the database: published articles, and every policy, standard, committee and organisation.</summary>
    private async Task<List<string>> SearchableKeysAsync()
    {
        await using var db = Fixture.Database.CreateDbContext();
        return
        [
            .. (await db.Articles.Where(a => a.Status == PublicationStatus.Published).Select(a => a.Id).ToListAsync(Ct)).Select(id => $"article:{id}"),
            .. (await db.Policies.Select(p => p.Id).ToListAsync(Ct)).Select(id => $"policy:{id}"),
            .. (await db.Standards.Select(s => s.Id).ToListAsync(Ct)).Select(id => $"standard:{id}"),
            .. (await db.WorkingGroups.Select(w => w.Id).ToListAsync(Ct)).Select(id => $"working-group:{id}"),
            .. (await db.Organisations.Select(o => o.Id).ToListAsync(Ct)).Select(id => $"organisation:{id}"),
        ];
    }

    private static async Task ReadyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            var report = await response.Content.ReadAsStringAsync(Ct);
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the instance did not become ready: {report}");
            await Task.Delay(50, Ct);
        }
    }
}
