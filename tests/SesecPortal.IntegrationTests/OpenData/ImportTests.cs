using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.IntegrationTests.OpenData;

public sealed class ImportTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private async Task<ImportContent.Result> ImportAsync(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return await SendAsync(new ImportContent.Command(stream));
    }

    private static byte[] Lines(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    private const string GoodArticle = """{"type":"article","id":"a1","title":"A good article","slug":"a-good-article","summary":"Short.","body":"Text.","published_on":"2022-02-28","sectors":["ict"],"tags":["5g"]}""";
    private const string GoodStandard = """{"type":"standard","id":"s1","code":"GB/T 99999-2022","title":"A test standard","slug":"gb-t-99999-2022","status":"effective","published_on":"2022-01-01","effective_on":"2022-07-01","sectors":["carbon"],"issuer":"SAMR/SAC","scope":"Scope."}""";

    private async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var scope = Fixture.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    [Fact]
    public async Task Imports_a_generated_corpus_as_published_searchable_items()
    {
        var corpus = await OpenDataCorpus.GenerateAsync(articles: 60, standards: 40, policies: 15);

        var result = await ImportAsync(corpus);

        result.Errors.ShouldBeEmpty();
        result.Added.ShouldBe(new Dictionary<string, int> { ["article"] = 60, ["standard"] = 40, ["policy"] = 15 });
        var imported = await WithDbAsync(db => db.Articles.Where(a => a.ExternalId != null && a.Status == PublicationStatus.Published).Select(a => a.Id).ToListAsync(Ct));
        var indexed = Indexed("article").Count(h => imported.Contains(h.Id));
        imported.Count.ShouldBe(60);
        indexed.ShouldBe(60);
        var search = await SendAsync(new SearchPortal.Query("a000001"));
        search.ShouldNotBeNull();
        var firstTitle = await WithDbAsync(db => db.Articles.Where(a => a.ExternalId == "a000001").Select(a => a.Title).SingleAsync(Ct));
        (await SendAsync(new SearchPortal.Query($"\"{firstTitle}\""))).Hits.ShouldContain(h => h.Title == firstTitle);
    }

    [Fact]
    public async Task Re_importing_the_same_file_changes_nothing_and_never_duplicates()
    {
        var corpus = await OpenDataCorpus.GenerateAsync(articles: 20, standards: 20, policies: 10);
        await ImportAsync(corpus);
        var before = await WithDbAsync(async db => (await db.Articles.CountAsync(Ct), await db.Standards.CountAsync(Ct), await db.Policies.CountAsync(Ct)));

        var again = await ImportAsync(corpus);

        again.Added.ShouldBeEmpty();
        again.Updated.ShouldBeEmpty();
        again.Unchanged!.Values.Sum().ShouldBe(50);
        var after = await WithDbAsync(async db => (await db.Articles.CountAsync(Ct), await db.Standards.CountAsync(Ct), await db.Policies.CountAsync(Ct)));
        after.ShouldBe(before);
    }

    [Fact]
    public async Task A_changed_line_updates_the_item_and_its_change_time()
    {
        await ImportAsync(Lines(GoodStandard));
        var first = await WithDbAsync(db => db.Standards.Where(s => s.ExternalId == "s1").Select(s => s.ChangedAt).SingleAsync(Ct));
        await ImportAsync(Lines(GoodStandard));
        (await WithDbAsync(db => db.Standards.Where(s => s.ExternalId == "s1").Select(s => s.ChangedAt).SingleAsync(Ct))).ShouldBe(first);

        await ImportAsync(Lines(GoodStandard.Replace("A test standard", "A renamed standard", StringComparison.Ordinal)));

        var (title, changed) = await WithDbAsync(db => db.Standards.Where(s => s.ExternalId == "s1").Select(s => new { s.TitleEn, s.ChangedAt })
            .SingleAsync(Ct).ContinueWith(t => (t.Result.TitleEn, t.Result.ChangedAt), TaskScheduler.Default));
        title.ShouldBe("A renamed standard");
        changed.ShouldNotBe(first);
    }

    [Theory]
    [InlineData("""{"type":"article","id":"a2","title":"T""", "not valid JSON")]
    [InlineData("""{"type":"newsletter","id":"n1"}""", "unknown type “newsletter”")]
    [InlineData("""{"type":"article","id":"a3","slug":"x","summary":"s","body":"b","published_on":"2022-01-01","sectors":["ict"]}""", "title is missing")]
    [InlineData("""{"type":"article","id":"a4","title":"T","slug":"t4","summary":"s","body":"b","published_on":"2022-02-30","sectors":["ict"]}""", "published_on “2022-02-30” is not a date")]
    [InlineData("""{"type":"article","id":"a5","title":"T","slug":"Bad Slug","summary":"s","body":"b","published_on":"2022-01-01","sectors":["ict"]}""", "slug “Bad Slug”")]
    [InlineData("""{"type":"article","id":"a6","title":"T","slug":"t6","summary":"s","body":"b","published_on":"2022-01-01","sectors":["astrology"]}""", "sector “astrology” is not one of the portal's sectors")]
    [InlineData("""{"type":"standard","id":"s2","code":"not a code","title":"T","slug":"t7","status":"effective"}""", "is not a standard code the portal recognises")]
    [InlineData("""{"type":"policy","id":"p2","title":"T","slug":"t8","source_url":"javascript:alert(1)"}""", "source_url")]
    [InlineData("""[1,2,3]""", "one JSON object")]
    public async Task Reports_a_bad_line_with_its_number_and_keeps_the_good_ones(string bad, string reason)
    {
        var result = await ImportAsync(Lines(GoodArticle, bad, GoodStandard));

        result.ErrorCount.ShouldBe(1);
        result.Errors[0].Line.ShouldBe(2);
        result.Errors[0].Message.ShouldContain(reason, Case.Insensitive);
        result.Imported.ShouldBe(2);
        (await WithDbAsync(db => db.Articles.AnyAsync(a => a.ExternalId == "a1", Ct))).ShouldBeTrue();
        (await WithDbAsync(db => db.Standards.AnyAsync(a => a.ExternalId == "s1", Ct))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_truncated_file_keeps_every_whole_line_and_reports_the_cut_one()
    {
        var bytes = Lines(GoodArticle, GoodStandard);
        var cut = bytes[..^40];

        var result = await ImportAsync(cut);

        result.Imported.ShouldBe(1);
        result.Errors.ShouldHaveSingleItem().Line.ShouldBe(2);
        result.Errors[0].Message.ShouldContain("not valid JSON");
    }

    [Fact]
    public async Task A_duplicate_id_in_one_file_keeps_the_first_line()
    {
        var result = await ImportAsync(Lines(GoodArticle, GoodArticle.Replace("a-good-article", "another-slug", StringComparison.Ordinal)));

        result.Imported.ShouldBe(1);
        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("already appeared on line 1");
        (await WithDbAsync(db => db.Articles.Where(a => a.ExternalId == "a1").Select(a => a.Slug).SingleAsync(Ct))).ShouldBe("a-good-article");
    }

    [Fact]
    public async Task A_line_over_the_length_cap_is_reported_and_reading_carries_on()
    {
        var huge = GoodArticle.Replace("\"body\":\"Text.\"", $"\"body\":\"{new string('x', Interchange.MaxLineBytes + 10)}\"", StringComparison.Ordinal)
            .Replace("\"a1\"", "\"a9\"", StringComparison.Ordinal);

        var result = await ImportAsync(Lines(huge, GoodArticle));

        result.Imported.ShouldBe(1);
        result.Errors.ShouldHaveSingleItem().Line.ShouldBe(1);
        result.Errors[0].Message.ShouldContain("lines are limited to");
    }

    [Fact]
    public async Task A_line_that_is_not_utf8_is_reported()
    {
        var latin1 = Encoding.Latin1.GetBytes(GoodArticle.Replace("A good article", "Café article", StringComparison.Ordinal).Replace("\"a1\"", "\"a7\"", StringComparison.Ordinal)
            .Replace("a-good-article", "cafe", StringComparison.Ordinal) + "\n");

        var result = await ImportAsync([.. latin1, .. Lines(GoodStandard)]);

        result.Imported.ShouldBe(1);
        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("not UTF-8");
    }

    [Fact]
    public async Task A_slug_another_item_already_has_is_refused_without_losing_the_batch()
    {
        var seedSlug = await WithDbAsync(db => db.Articles.Where(a => a.ExternalId == null).Select(a => a.Slug).FirstAsync(Ct));

        var result = await ImportAsync(Lines(GoodArticle, GoodArticle.Replace("a-good-article", seedSlug, StringComparison.Ordinal).Replace("\"a1\"", "\"a2\"", StringComparison.Ordinal)));

        result.Imported.ShouldBe(1);
        result.Errors.ShouldHaveSingleItem().Line.ShouldBe(2);
        result.Errors[0].Message.ShouldContain("another article already has the address");
    }
}
