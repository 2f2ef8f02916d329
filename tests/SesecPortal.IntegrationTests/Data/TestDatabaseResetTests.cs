using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;

namespace SesecPortal.IntegrationTests.Data;

/// <summary>
/// The reset every test starts with (tests/README.md): the seed is loaded back after a test that wrote, and the tables
/// are left alone after one that only read, since they hold the seed already.
/// </summary>
public sealed class TestDatabaseResetTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task After_only_reads_the_reset_leaves_the_tables_alone()
    {
        await using (var db = Fixture.Database.CreateDbContext())
        {
            (await db.Sectors.CountAsync(Ct)).ShouldBeGreaterThan(0);
        }

        (await Fixture.Database.ResetAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task After_a_write_the_reset_loads_the_seed_back()
    {
        int seeded;
        await using (var db = Fixture.Database.CreateDbContext())
        {
            seeded = await db.Sectors.CountAsync(Ct);
            db.Sectors.Add(new Sector { Slug = "reset-probe", Name = "Reset probe" });
            await db.SaveChangesAsync(Ct);
        }

        (await Fixture.Database.ResetAsync()).ShouldBeTrue();

        await using (var db = Fixture.Database.CreateDbContext())
        {
            (await db.Sectors.CountAsync(Ct)).ShouldBe(seeded);
            (await db.Sectors.AnyAsync(s => s.Slug == "reset-probe", Ct)).ShouldBeFalse();
        }
    }

    [Fact]
    public async Task A_write_rolled_back_still_counts_as_one()
    {
        await using (var db = Fixture.Database.CreateDbContext())
        await using (var tx = await db.Database.BeginTransactionAsync(Ct))
        {
            db.Sectors.Add(new Sector { Slug = "rolled-back", Name = "Rolled back" });
            await db.SaveChangesAsync(Ct);
            await tx.RollbackAsync(Ct);
        }

        (await Fixture.Database.ResetAsync()).ShouldBeTrue();
    }
}
