using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Seed;

namespace SesecPortal.IntegrationTests.Data;

public sealed class MigrationAndSeedTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private static readonly SeedDocument Seed = SeedLoader.ReadEmbedded();

    [Fact]
    public async Task Migrations_apply_to_an_empty_database()
    {
        var cs = await Fixture.Database.Server.CreateEmptyDatabaseAsync("sesec_integration_empty");
        await using var db = Context(cs);

        await db.Database.MigrateAsync(Ct);

        (await db.Database.GetPendingMigrationsAsync(Ct)).ShouldBeEmpty();
        (await db.Database.GetAppliedMigrationsAsync(Ct)).ShouldNotBeEmpty();
        (await db.Standards.CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task The_seed_loads_into_an_empty_database_and_a_second_load_changes_nothing()
    {
        var cs = await Fixture.Database.Server.CreateEmptyDatabaseAsync("sesec_integration_seed");
        await using (var db = Context(cs))
        {
            await db.Database.MigrateAsync(Ct);
            (await new SeedLoader(db, NullLogger<SeedLoader>.Instance).LoadAsync(Seed, Ct)).ShouldBeGreaterThan(0);
        }

        var before = await Counts(cs);
        int addedAgain;
        await using (var db = Context(cs))
        {
            addedAgain = await new SeedLoader(db, NullLogger<SeedLoader>.Instance).LoadAsync(Seed, Ct);
        }

        addedAgain.ShouldBe(0);
        (await Counts(cs)).ShouldBe(before);
    }

    [Fact]
    public async Task Counts_of_each_kind_match_the_seed()
    {
        await using var db = Fixture.Database.CreateDbContext();

        (await db.Sectors.CountAsync(Ct)).ShouldBe(Seed.Sectors.Count);
        (await db.Organisations.CountAsync(Ct)).ShouldBe(Seed.Organisations.Count);
        (await db.WorkingGroups.CountAsync(Ct)).ShouldBe(Seed.WorkingGroups.Count);
        (await db.Standards.CountAsync(Ct)).ShouldBe(Seed.Standards.Count);
        (await db.Policies.CountAsync(Ct)).ShouldBe(Seed.Policies.Count);
        (await db.Articles.CountAsync(Ct)).ShouldBe(13);
        (await db.Issues.CountAsync(Ct)).ShouldBe(1);
        (await db.WorkItems.CountAsync(Ct)).ShouldBe(Seed.WorkingGroups.Sum(w => w.Achievements.Count + w.OngoingWork.Count));
    }

    [Fact]
    public async Task Stores_the_code_as_written_and_its_normalised_form()
    {
        await using var db = Fixture.Database.CreateDbContext();

        var standard = await db.Standards.SingleAsync(s => s.Slug == "t-cesa-1026-2018", Ct);

        standard.Code.ShouldBe("T/CESA 1026—2018");
        standard.NormalizedCode.ShouldBe("T/CESA 1026-2018");
        standard.Level.ShouldBe(StandardLevel.Association);
        standard.Committee.ShouldBeNull(); // not loaded: relations are explicit
        (await db.Standards.Where(s => s.Slug == "t-cesa-1026-2018").Select(s => s.Committee!.Slug).SingleAsync(Ct)).ShouldBe("tc28-sc42-model-and-algorithm");
    }

    [Fact]
    public async Task Relations_are_rows_not_text()
    {
        await using var db = Fixture.Database.CreateDbContext();

        var article = await db.Articles.Include(a => a.Standards).Include(a => a.Sectors)
            .SingleAsync(a => a.Slug == "china-first-mandatory-standard-of-carbon-emissions-to-largely-reduce-the-carbon", Ct);

        article.Standards.Select(s => s.NormalizedCode).ShouldContain("GB 55015-2021");
        article.Standards.Select(s => s.NormalizedCode).ShouldContain("GB/T 50378-2019");
        article.Sectors.Select(s => s.Slug).ShouldContain("carbon");
    }

    [Fact]
    public async Task The_seed_keeps_dates_as_the_text_gives_them()
    {
        await using var db = Fixture.Database.CreateDbContext();

        var gb55015 = await db.Standards.SingleAsync(s => s.NormalizedCode == "GB 55015-2021", Ct);
        gb55015.EffectiveOn.ShouldBe(new DateOnly(2022, 4, 1));

        var guideline = await db.Standards.SingleAsync(s => s.Slug == "information-security-technology-guideline-for-identification-of-critical-data", Ct);
        guideline.Status.ShouldBe(StandardStatus.DraftForComments);
        guideline.CommentDeadline.ShouldBe(new DateOnly(2022, 3, 13));
        guideline.DraftedOn.ShouldBe(new DateOnly(2022, 1, 13));

        var outline = await db.Policies.SingleAsync(p => p.Slug == "national-outline-for-standardization-development", Ct);
        outline.IssuedOn.ShouldBe(new DateOnly(2021, 10, 1));
        outline.IssuedOnPrecision.ShouldBe(DatePrecision.Month);
    }

    [Fact]
    public async Task A_seed_with_a_dangling_reference_is_refused_with_every_problem_named()
    {
        var cs = await Fixture.Database.Server.CreateEmptyDatabaseAsync("sesec_integration_bad_seed");
        await using var db = Context(cs);
        await db.Database.MigrateAsync(Ct);
        var bad = SeedLoader.Parse("""
            sectors:
              - slug: ict
                name: ICT
            policies:
              - slug: a-plan
                title: A plan
                kind: Plan
                status: Final
                issuedOn: 2022-02-30
                authorities: [nobody]
                sectors: [nowhere]
            """);

        var ex = await Should.ThrowAsync<InvalidOperationException>(() => new SeedLoader(db, NullLogger<SeedLoader>.Instance).LoadAsync(bad, Ct));

        ex.Message.ShouldContain("'2022-02-30' is not a date");
        ex.Message.ShouldContain("'nobody' is not in the seed");
        ex.Message.ShouldContain("'nowhere' is not in the seed");
        (await db.Sectors.CountAsync(Ct)).ShouldBe(0); // nothing half-written
    }

    private static PortalDbContext Context(string cs)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDbContext.Configure(options, cs);
        return new PortalDbContext(options.Options);
    }

    private static async Task<Dictionary<string, int>> Counts(string cs)
    {
        await using var db = Context(cs);
        return new Dictionary<string, int>
        {
            ["sectors"] = await db.Sectors.CountAsync(),
            ["organisations"] = await db.Organisations.CountAsync(),
            ["working_groups"] = await db.WorkingGroups.CountAsync(),
            ["work_items"] = await db.WorkItems.CountAsync(),
            ["standards"] = await db.Standards.CountAsync(),
            ["policies"] = await db.Policies.CountAsync(),
            ["articles"] = await db.Articles.CountAsync(),
            ["issues"] = await db.Issues.CountAsync(),
            ["sections"] = await db.IssueSections.CountAsync(),
            ["article_mentions"] = await db.Articles.SelectMany(a => a.Standards).CountAsync() + await db.Articles.SelectMany(a => a.Policies).CountAsync(),
        };
    }
}
