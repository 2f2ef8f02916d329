using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Seed;

namespace SesecPortal.IntegrationTests.Relations;

/// <summary>The seed relations.</summary>
public sealed class SeedRelationsTests(IntegrationFixture fixture) : KnowledgeGraphTest(fixture)
{
    [Fact]
    public async Task The_seed_relations_are_loaded_once()
    {
        var expected = SeedLoader.ReadEmbedded().Relations.Count;
        await using var db = Fixture.Database.CreateDbContext();

        (await db.Relations.CountAsync(Ct)).ShouldBe(expected);
        (await Fixture.Database.SeedAsync()).ShouldBe(0);
        (await db.Relations.CountAsync(Ct)).ShouldBe(expected);
    }

    [Fact]
    public async Task A_seed_relation_with_an_unknown_end_is_refused_naming_it()
    {
        var seed = SeedLoader.Parse("""
            relations:
              - subject: { standard: "GB/T 99999-2099" }
                type: Implements
                object: { policy: no-such-policy }
              - subject: { organisation: cac }
                type: Befriends
                object: { organisation: sac }
            """);
        await using var scope = Fixture.CreateScope();
        var loader = ActivatorUtilities.CreateInstance<SeedLoader>(scope.ServiceProvider);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => loader.LoadAsync(seed, Ct));

        error.Message.ShouldContain("standard 'GB/T 99999-2099' is not in the seed");
        error.Message.ShouldContain("'no-such-policy' is not in the seed");
        error.Message.ShouldContain("'Befriends' is not a RelationType");
    }
}
