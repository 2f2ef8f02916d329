using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Sectors;
using SesecPortal.IntegrationTests.Editorial;

namespace SesecPortal.IntegrationTests.Sectors;

/// <summary>Editors create, edit and delete sectors through the handlers (issue 4).</summary>
public sealed class EditSectorTests(IntegrationFixture fixture) : ReferenceDataTest(fixture)
{
    [Fact]
    public async Task Creating_a_sector_makes_its_slug_records_version_one_and_audits_it()
    {
        var id = await AsEditorAsync(new EditSector.Command { Name = "Hydrogen Energy", Hashtags = "#Hydrogen, #Fuel cells", Position = 30 });

        var (sector, versions, audit) = await WithDbAsync(async db => (
            await db.Sectors.SingleAsync(s => s.Id == id, Ct),
            await db.ContentVersions.Where(v => v.ItemKind == ItemKind.Sector && v.ItemId == id).ToListAsync(Ct),
            await db.AuditEntries.Where(a => a.ItemKind == ItemKind.Sector && a.ItemId == id).ToListAsync(Ct)));
        sector.Slug.ShouldBe("hydrogen-energy");
        sector.Hashtags.ShouldBe(["#Hydrogen", "#Fuel cells"]);
        versions.ShouldHaveSingleItem().Number.ShouldBe(1);
        versions[0].Snapshot.ShouldContain("Name: Hydrogen Energy");
        versions[0].AuthorName.ShouldBe(Editor);
        audit.ShouldHaveSingleItem().Action.ShouldBe("created");
        audit[0].UserName.ShouldBe(Editor);
    }

    [Fact]
    public async Task Editing_a_sector_saves_a_second_version_and_deleting_it_is_audited()
    {
        var form = (await SendAsync(new EditSector.Query(await IdAsync(db => db.Sectors, "cosmetics")))).ShouldNotBeNull();
        form.Name = "Cosmetics and personal care";
        await AsEditorAsync(form);
        await AsEditorAsync(new EditSector.Command { Id = form.Id, Version = await VersionAsync(db => db.Sectors, form.Id!.Value), Name = "Cosmetics again" });

        var versions = await WithDbAsync(db => db.ContentVersions.Where(v => v.ItemKind == ItemKind.Sector && v.ItemId == form.Id).OrderBy(v => v.Number).ToListAsync(Ct));
        versions.Select(v => v.Number).ShouldBe([1, 2]);
        versions[0].Snapshot.ShouldContain("Cosmetics and personal care");

        var fresh = await AsEditorAsync(new EditSector.Command { Name = "Short-lived" });
        await AsEditorAsync(new DeleteSector.Command(fresh));
        (await WithDbAsync(db => db.Sectors.AnyAsync(s => s.Id == fresh, Ct))).ShouldBeFalse();
        (await WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ItemKind == ItemKind.Sector && a.ItemId == fresh && a.Action == "deleted", Ct))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_sector_that_is_the_only_one_of_a_policy_cannot_be_deleted()
    {
        var sector = await AsEditorAsync(new EditSector.Command { Name = "Lonely" });
        await AsEditorAsync(NewPolicy("Only sector policy", sector));

        var ex = await Should.ThrowAsync<ValidationException>(() => AsEditorAsync(new DeleteSector.Command(sector)));

        ex.Errors.ShouldContain(e => e.ErrorMessage.Contains("only sector", StringComparison.Ordinal));
    }
}
