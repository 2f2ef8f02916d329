using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Organisations;
using SesecPortal.IntegrationTests.Editorial;

namespace SesecPortal.IntegrationTests.Organisations;

/// <summary>Editors create, edit and delete organisations through the handlers (issue 4).</summary>
public sealed class EditOrganisationTests(IntegrationFixture fixture) : ReferenceDataTest(fixture)
{
    [Fact]
    public async Task An_organisation_is_created_edited_and_deleted_and_leaves_the_search_index()
    {
        var ict = await IdAsync(db => db.Sectors, "ict");
        var id = await AsEditorAsync(new EditOrganisation.Command
        {
            Name = "China Academy of Information and Communications Technology", Abbreviation = "CAICT", Kind = OrganisationKind.ResearchInstitute,
            Website = "http://www.caict.ac.cn/", SectorIds = [ict],
        });
        Indexed("organisation").ShouldContain(h => h.Id == id);

        var form = (await SendAsync(new EditOrganisation.Query(id))).ShouldNotBeNull();
        form.Description = "A think tank of MIIT.";
        await AsEditorAsync(form);
        (await WithDbAsync(db => db.Organisations.SingleAsync(o => o.Id == id, Ct))).Description.ShouldBe("A think tank of MIIT.");

        await AsEditorAsync(new DeleteOrganisation.Command(id));
        Indexed("organisation").ShouldNotContain(h => h.Id == id);
    }

    [Fact]
    public async Task An_organisation_that_issues_policies_cannot_be_deleted()
    {
        var stateCouncil = await IdAsync(db => db.Organisations, "state-council");

        var ex = await Should.ThrowAsync<ValidationException>(() => AsEditorAsync(new DeleteOrganisation.Command(stateCouncil)));

        ex.Errors.ShouldContain(e => e.ErrorMessage.Contains("issues policies", StringComparison.Ordinal));
    }
}
