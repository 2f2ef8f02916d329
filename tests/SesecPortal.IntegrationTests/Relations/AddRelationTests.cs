using System.Net;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Relations;
using SesecPortal.IntegrationTests.Editorial;

namespace SesecPortal.IntegrationTests.Relations;

/// <summary>Editors add, read and remove relations between items, handlers and page (issue 4).</summary>
public sealed class AddRelationTests(IntegrationFixture fixture) : ReferenceDataTest(fixture)
{
    [Fact]
    public async Task Relations_are_added_read_from_both_ends_and_removed()
    {
        var standard = await IdAsync(db => db.Standards, Gb55015);
        var policy = await IdAsync(db => db.Policies, "carbon-peak-action-plan-before-2030");

        await AsEditorAsync(new AddRelation.Command { ItemKind = ItemKind.Standard, ItemId = standard, Type = RelationType.Implements, OtherKind = ItemKind.Policy, OtherId = policy });
        // From the policy's page, "Implements" reads the other way round: the policy is the object.
        var group = await IdAsync(db => db.WorkingGroups, "tc28-sc42");
        await AsEditorAsync(new AddRelation.Command { ItemKind = ItemKind.WorkingGroup, ItemId = group, Type = RelationType.Leads, OtherKind = ItemKind.Organisation, OtherId = await IdAsync(db => db.Organisations, "cesi") });

        var ofPolicy = (await SendAsync(new ListRelations.Query(ItemKind.Policy, policy))).ShouldNotBeNull();
        var row = ofPolicy.Relations.ShouldHaveSingleItem();
        row.Label.ShouldBe("Implemented by");
        row.OtherTitle.ShouldStartWith("GB 55015-2021");
        var led = (await SendAsync(new ListRelations.Query(ItemKind.WorkingGroup, group)))!.Relations.ShouldHaveSingleItem();
        led.Label.ShouldBe("Led by");
        (await WithDbAsync(db => db.Relations.SingleAsync(r => r.Type == RelationType.Leads, Ct))).SubjectKind.ShouldBe(ItemKind.Organisation);

        await AsEditorAsync(new RemoveRelation.Command(ItemKind.Policy, policy, row.Id));
        (await SendAsync(new ListRelations.Query(ItemKind.Standard, standard)))!.Relations.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_relation_lookup_finds_a_standard_by_its_code_however_typed()
    {
        var found = await SendAsync(new FindRelationCandidates.Query(ItemKind.Standard, "gb 55015—2021"));

        found[0].Slug.ShouldBe(Gb55015);
    }

    [Fact]
    public async Task A_relation_cannot_link_an_item_to_itself()
    {
        var standard = await IdAsync(db => db.Standards, Gb55015);

        (await RefusedAsync(new AddRelation.Command { ItemKind = ItemKind.Standard, ItemId = standard, Type = RelationType.References, OtherKind = ItemKind.Standard, OtherId = standard }))
            .Errors.ShouldContain(e => e.ErrorMessage == "An item cannot be related to itself.");
    }

    [Fact]
    public async Task A_relation_cannot_be_added_twice()
    {
        var standard = await IdAsync(db => db.Standards, Gb55015);
        var policy = await IdAsync(db => db.Policies, "carbon-peak-action-plan-before-2030");
        var command = new AddRelation.Command { ItemKind = ItemKind.Standard, ItemId = standard, Type = RelationType.Implements, OtherKind = ItemKind.Policy, OtherId = policy };
        await AsEditorAsync(command);

        (await RefusedAsync(command with { })).Errors.ShouldContain(e => e.ErrorMessage == "These two items are already linked this way.");
    }

    [Fact]
    public async Task A_relation_type_must_fit_the_kinds_it_links()
    {
        var standard = await IdAsync(db => db.Standards, Gb55015);

        (await RefusedAsync(new AddRelation.Command { ItemKind = ItemKind.Standard, ItemId = standard, Type = RelationType.Leads, OtherKind = ItemKind.Policy, OtherId = await IdAsync(db => db.Policies, "carbon-peak-action-plan-before-2030") }))
            .Errors.ShouldContain(e => e.ErrorMessage == "“Leads” cannot link a standard and a policy.");
    }

    [Fact]
    public async Task Relations_are_found_and_added_on_the_relations_page_without_javascript()
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);
        var id = await IdAsync(db => db.Standards, Gb55015);
        var path = $"/editor/standards/{id}/relations";

        var (_, found) = await GetAsync(client, $"{path}?type=Implements&kind=Policy&q=peak+action");
        var document = await ParseHtmlAsync(found);
        var candidate = document.QuerySelectorAll(".candidates form").First(f => f.TextContent.Contains("Carbon Emission Peak Action Plan", StringComparison.Ordinal));
        var added = await PostFieldsAsync(client, path, FieldsOf(candidate), [], action: candidate.GetAttribute("action"));

        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, list) = await GetAsync(client, path);
        list.ShouldContain("Implements");
        list.ShouldContain("Carbon Emission Peak Action Plan");
    }
}
