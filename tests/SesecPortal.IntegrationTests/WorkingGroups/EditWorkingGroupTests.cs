using FluentValidation;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.WorkingGroups;
using SesecPortal.IntegrationTests.Editorial;

namespace SesecPortal.IntegrationTests.WorkingGroups;

/// <summary>Editors create and delete working groups through the handlers, and the rules a working group must meet (issue 4).</summary>
public sealed class EditWorkingGroupTests(IntegrationFixture fixture) : ReferenceDataTest(fixture)
{
    [Fact]
    public async Task A_working_group_is_created_with_leaders_contacts_and_work_items_linked_to_standards_then_deleted()
    {
        var parent = await IdAsync(db => db.WorkingGroups, "tc28-sc42");
        var huawei = await IdAsync(db => db.Organisations, "huawei");
        var id = await AsEditorAsync(new EditWorkingGroup.Command
        {
            Name = "Hydrogen AI Work Group", Code = "WG 99", ParentId = parent, Focus = "**Hydrogen** and AI.",
            Members = [new() { Role = WorkingGroupRole.Leader, PersonName = "Wang Wei", OrganisationId = huawei }, new()],
            Contacts = [new() { Name = "Li Na", Phones = "010-1234, 138 0000", IsSecretariat = true }, new()],
            WorkItems = [new() { Stage = WorkItemStage.Ongoing, Category = WorkItemCategory.Standard, Title = "Energy efficiency spec", Standard = "GB55015-2021" }, new()],
        });

        var group = (await SendAsync(new GetWorkingGroup.Query("hydrogen-ai-work-group", IncludeContacts: true))).ShouldNotBeNull();
        group.Ancestors.Select(a => a.Slug).ShouldContain("tc28-sc42");
        group.Members.ShouldHaveSingleItem().Person.ShouldBe("Wang Wei");
        group.Contacts.ShouldHaveSingleItem().Phones.ShouldBe(["010-1234", "138 0000"]);
        group.OngoingWork.ShouldHaveSingleItem().Items.ShouldHaveSingleItem().Standard!.Slug.ShouldBe(Gb55015);

        await AsEditorAsync(new DeleteWorkingGroup.Command(id));
        (await SendAsync(new GetWorkingGroup.Query("hydrogen-ai-work-group", true))).ShouldBeNull();
    }

    [Fact]
    public async Task A_committee_with_subgroups_cannot_be_deleted()
    {
        var ex = await Should.ThrowAsync<ValidationException>(async () => await AsEditorAsync(new DeleteWorkingGroup.Command(await IdAsync(db => db.WorkingGroups, "tc28-sc42"))));

        ex.Errors.ShouldContain(e => e.ErrorMessage.Contains("has subgroups", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_working_group_cannot_be_its_own_ancestor()
    {
        var committee = await IdAsync(db => db.WorkingGroups, "tc28-sc42");
        var form = (await SendAsync(new EditWorkingGroup.Query(committee))).ShouldNotBeNull();
        form.ParentId = await IdAsync(db => db.WorkingGroups, "tc28-sc42-knowledge-graph");

        (await RefusedAsync(form)).Errors.ShouldContain(e => e.PropertyName == "ParentId" && e.ErrorMessage == "A group cannot sit under itself or under one of its own subgroups.");
    }

    [Fact]
    public async Task A_work_item_names_a_standard_that_exists()
    {
        var form = new EditWorkingGroup.Command { Name = "Ghost group", WorkItems = [new() { Title = "Ghost", Standard = "GB/T 99999-2099" }] };

        (await RefusedAsync(form)).Errors.ShouldContain(e => e.PropertyName == "WorkItems[0].Standard" && e.ErrorMessage.StartsWith("There is no standard", StringComparison.Ordinal));
    }
}
