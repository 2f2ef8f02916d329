using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Changes;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Features.Standards;
using SesecPortal.TestSupport;
using SesecPortal.IntegrationTests.Platform;

namespace SesecPortal.IntegrationTests.Search;

/// <summary>
/// The index as a follower of the change log (issue 17 §2, §5): instances converge, an index left behind or of another
/// schema catches up or is rebuilt, readiness waits for it, and a full search queue is a quick 503.
/// </summary>
public sealed class SearchIndexFollowingTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string Editor = "editor@example.com";

    [Fact]
    public async Task An_edit_on_one_instance_is_found_by_search_on_the_other_within_a_second()
    {
        await using var other = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true);
        using var onB = new HttpClient { BaseAddress = other.ServerAddress };
        await ScaleOutTests.WaitForListenersAsync(Fixture.Database.ConnectionString, 2);
        await ReadyAsync(onB);

        var id = await AddStandardAsync("GB/T 99001-2026", "Quokka habitat monitoring requirements");

        (await FoundWithinAsync(onB, "quokka", $"/standards/{await SlugAsync(id)}", TimeSpan.FromSeconds(1)))
            .ShouldBeTrue("instance B's search did not find the standard a second after it was saved on A");
    }

    [Fact]
    public async Task An_index_left_behind_catches_up_with_every_change_and_holds_each_item_once()
    {
        var path = Path.Combine(Path.GetTempPath(), "sesecportal-tests", "search", $"behind-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string> { ["Search:IndexPath"] = path };
        await using (var first = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true, settings: settings))
        {
            using var client = new HttpClient { BaseAddress = first.ServerAddress };
            await ReadyAsync(client);
        }

        // While that instance is down: an import of 300 articles, an edit and a deletion.
        var corpus = await OpenDataCorpus.GenerateAsync(articles: 300, standards: 0, policies: 0);
        (await SendAsync(new ImportContent.Command(new MemoryStream(corpus)))).ErrorCount.ShouldBe(0);
        var kept = await AddStandardAsync("GB/T 99002-2026", "Wombat burrow survey methods");
        var gone = await AddStandardAsync("GB/T 99003-2026", "Numbat termite counting");
        await AsEditorAsync(new DeleteStandard.Command(gone));

        // Started and stopped at once, then started again: wherever the first stop left it, the index converges.
        await using (var interrupted = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true, settings: settings))
        {
            _ = interrupted.ServerAddress;
        }

        await using var again = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true, settings: settings);
        using var onAgain = new HttpClient { BaseAddress = again.ServerAddress };
        await ReadyAsync(onAgain);

        var index = again.Services.GetRequiredService<PortalSearchIndex>().Index;
        index.DocumentCount.ShouldBe(await SearchableCountAsync());
        (await SearchAsync(onAgain, "wombat")).ShouldBe([$"/standards/{await SlugAsync(kept)}"]);
        (await SearchAsync(onAgain, "numbat")).ShouldBeEmpty();
        await using var db = Fixture.Database.CreateDbContext();
        var imported = await db.Articles.Where(a => a.ExternalId != null).OrderBy(a => a.Id).Select(a => new { a.Slug, a.Title }).FirstAsync(Ct);
        (await SearchAsync(onAgain, $"\"{imported.Title}\"")).Count(u => u == $"/articles/{imported.Slug}").ShouldBe(1);
    }

    [Fact]
    public async Task An_index_of_another_schema_version_is_built_again_from_the_database()
    {
        var path = Path.Combine(Path.GetTempPath(), "sesecportal-tests", "search", $"schema-{Guid.NewGuid():N}");
        using (var directory = FSDirectory.Open(path))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer())))
        {
            writer.SetCommitData(new Dictionary<string, string> { ["schema"] = "0", ["position"] = "1:0" });
            writer.Commit();
        }

        await using var portal = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true, settings: new Dictionary<string, string> { ["Search:IndexPath"] = path });
        using var client = new HttpClient { BaseAddress = portal.ServerAddress };
        await ReadyAsync(client);

        portal.Services.GetRequiredService<PortalSearchIndex>().Index.DocumentCount.ShouldBe(await SearchableCountAsync());
        (await SearchAsync(client, "carbon peak")).ShouldContain("/policies/carbon-peak-action-plan-before-2030");
    }

    [Fact]
    public async Task An_unreadable_index_is_built_again_from_the_database()
    {
        var path = Path.Combine(Path.GetTempPath(), "sesecportal-tests", "search", $"broken-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(path);
        await File.WriteAllTextAsync(Path.Combine(path, "segments_1"), "not a Lucene index", Ct);

        await using var portal = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true, settings: new Dictionary<string, string> { ["Search:IndexPath"] = path });
        using var client = new HttpClient { BaseAddress = portal.ServerAddress };
        await ReadyAsync(client);

        (await SearchAsync(client, "carbon peak")).ShouldContain("/policies/carbon-peak-action-plan-before-2030");
    }

    [Fact]
    public async Task Readiness_answers_503_until_every_follower_has_caught_up()
    {
        var gate = new GatedFollower();
        await using var portal = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true, services: s => s.AddSingleton<IChangeFollower>(gate));
        using var client = new HttpClient { BaseAddress = portal.ServerAddress };
        await gate.Reached.WaitAsync(Ct);

        var waiting = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);
        var alive = await client.GetAsync(new Uri("/health", UriKind.Relative), Ct);
        gate.Release();

        waiting.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await waiting.Content.ReadAsStringAsync(Ct)).ShouldContain("Catching up with the change log");
        alive.StatusCode.ShouldBe(HttpStatusCode.OK);
        await ReadyAsync(client);
    }

    [Fact]
    public async Task A_full_search_queue_answers_503_with_retry_after_while_other_pages_answer()
    {
        await using var portal = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true,
            settings: new Dictionary<string, string> { ["Search:Concurrency"] = "1", ["Search:QueueLimit"] = "0" });
        using var client = new HttpClient { BaseAddress = portal.ServerAddress };
        await ReadyAsync(client);
        var search = portal.Services.GetRequiredService<PortalSearchIndex>();

        HttpResponseMessage page, api, standard;
        using (await search.Gate.EnterAsync(Ct))
        {
            page = await client.GetAsync(new Uri("/search?q=carbon", UriKind.Relative), Ct);
            api = await client.GetAsync(new Uri("/api/search?q=carbon", UriKind.Relative), Ct);
            standard = await client.GetAsync(new Uri("/standards/gb-55015-2021", UriKind.Relative), Ct);
        }

        page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        page.Headers.RetryAfter.ShouldNotBeNull();
        var html = await page.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Too many searches at once");
        html.ShouldContain("value=\"carbon\"");
        api.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        api.Headers.RetryAfter.ShouldNotBeNull();
        standard.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(new Uri("/search?q=carbon", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "the queue is free again");
    }

    [Fact]
    public async Task A_search_before_the_index_was_first_built_answers_503_not_nothing_found()
    {
        // The first build reads the articles; a transaction holding them locked keeps it from finishing.
        await using var hold = new Npgsql.NpgsqlConnection(Fixture.Database.ConnectionString);
        await hold.OpenAsync(Ct);
        await using var locked = await hold.BeginTransactionAsync(Ct);
        await using (var command = new Npgsql.NpgsqlCommand("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE", hold, locked))
        {
            await command.ExecuteNonQueryAsync(Ct);
        }

        var path = Path.Combine(Path.GetTempPath(), "sesecportal-tests", "search", $"first-{Guid.NewGuid():N}");
        await using var portal = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true, settings: new Dictionary<string, string> { ["Search:IndexPath"] = path });
        using var client = new HttpClient { BaseAddress = portal.ServerAddress };

        using var page = await client.GetAsync(new Uri("/search?q=carbon+peak", UriKind.Relative), Ct);
        using var api = await client.GetAsync(new Uri("/api/search?q=carbon+peak", UriKind.Relative), Ct);
        await locked.RollbackAsync(Ct);

        page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        page.Headers.RetryAfter.ShouldNotBeNull();
        var html = await page.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Search is being prepared");
        html.ShouldContain("value=\"carbon peak\"");
        api.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await api.Content.ReadAsStringAsync(Ct)).ShouldContain("building its search index");
        await ReadyAsync(client);
        (await SearchAsync(client, "carbon peak")).ShouldContain("/policies/carbon-peak-action-plan-before-2030");
    }

    /// <summary>A follower that holds the change feed at its first catch-up until the test lets it go.</summary>
    private sealed class GatedFollower : IChangeFollower
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "gated";

        public ChangePosition Position => released.Task.IsCompleted ? new ChangePosition(long.MaxValue, 0) : ChangePosition.Start;

        public Task Reached => reached.Task;

        public void Release() => released.TrySetResult();

        public async Task<bool> CatchUpAsync(CancellationToken ct)
        {
            reached.TrySetResult();
            await released.Task.WaitAsync(ct);
            return false;
        }
    }

    private static async Task ReadyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
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

    private static async Task<List<string>> SearchAsync(HttpClient client, string q)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/search?q={Uri.EscapeDataString(q)}", UriKind.Relative), Ct));
        return [.. json.RootElement.GetProperty("results").EnumerateArray().Select(h => h.GetProperty("url").GetString()!)];
    }

    private static async Task<bool> FoundWithinAsync(HttpClient client, string q, string url, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        do
        {
            if ((await SearchAsync(client, q)).Contains(url))
            {
                return true;
            }

            await Task.Delay(20, Ct);
        }
        while (DateTime.UtcNow < deadline);
        return false;
    }

    /// <summary>What readers may find: published articles, and every policy, standard, committee and organisation.</summary>
    private async Task<int> SearchableCountAsync()
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.Articles.CountAsync(a => a.Status == PublicationStatus.Published, Ct) + await db.Policies.CountAsync(Ct)
            + await db.Standards.CountAsync(Ct) + await db.WorkingGroups.CountAsync(Ct) + await db.Organisations.CountAsync(Ct);
    }

    private async Task<int> AddStandardAsync(string code, string title)
    {
        await using var db = Fixture.Database.CreateDbContext();
        var sector = await db.Sectors.Where(x => x.Slug == "ict").Select(x => x.Id).SingleAsync(Ct);
        return await AsEditorAsync(new EditStandard.Command { Code = code, TitleEn = title, Status = StandardStatus.Published, SectorIds = [sector] });
    }

    private async Task<string> SlugAsync(int id)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.Standards.Where(s => s.Id == id).Select(s => s.Slug).SingleAsync(Ct);
    }

    private async Task<T> AsEditorAsync<T>(ICommand<T> command)
    {
        using var _ = Fixture.ActAs(Editor, Roles.Editor);
        return await SendAsync(command);
    }
}
