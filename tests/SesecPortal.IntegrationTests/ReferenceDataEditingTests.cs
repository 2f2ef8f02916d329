using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Organisations;
using SesecPortal.Application.Features.Policies;
using SesecPortal.Application.Features.Relations;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Features.Sectors;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Application.Features.Watchlists;
using SesecPortal.Application.Features.WorkingGroups;

namespace SesecPortal.IntegrationTests;

/// <summary>Editors create, edit and delete the reference data (issue 4): handlers, validation, pages, conflicts, history.</summary>
public sealed class ReferenceDataEditingTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string Editor = "editor@example.com";
    private const string Gb55015 = "gb-55015-2021";

    // ---- handlers ----

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

    [Fact]
    public async Task A_policy_keeps_its_issuing_authorities_in_the_order_given_and_can_be_deleted()
    {
        var (miit, ndrc, sac) = (await IdAsync(db => db.Organisations, "miit"), await IdAsync(db => db.Organisations, "ndrc"), await IdAsync(db => db.Organisations, "sac"));
        var command = NewPolicy("Action Plan for Hydrogen", await IdAsync(db => db.Sectors, "energy-environment"));
        command.IssuedOn = "2022-03";
        command.Authorities = [new() { OrganisationId = ndrc }, new(), new() { OrganisationId = miit }, new() { OrganisationId = sac, Remove = true }];
        var id = await AsEditorAsync(command);

        var policy = (await SendAsync(new GetPolicy.Query("action-plan-for-hydrogen"))).ShouldNotBeNull();
        policy.Authorities.Select(a => a.Slug).ShouldBe(["ndrc", "miit"]);
        policy.IssuedOn.ShouldBe("March 2022");

        var form = (await SendAsync(new EditPolicy.Query(id))).ShouldNotBeNull();
        form.Authorities.Reverse();
        await AsEditorAsync(form);
        (await SendAsync(new GetPolicy.Query("action-plan-for-hydrogen")))!.Authorities.Select(a => a.Slug).ShouldBe(["miit", "ndrc"]);

        await AsEditorAsync(new DeletePolicy.Command(id));
        (await SendAsync(new GetPolicy.Query("action-plan-for-hydrogen"))).ShouldBeNull();
    }

    [Fact]
    public async Task A_standard_is_created_with_its_plan_number_and_amendment_then_edited_and_deleted()
    {
        var command = await NewStandardAsync("GB/T 41234—2022", "Smart hydrogen refuelling stations");
        command.PlanCode = "20190805T469";
        command.PublishedOn = new DateOnly(2022, 3, 9);
        command.EffectiveOn = new DateOnly(2022, 10, 1);
        command.Events = [new() { Kind = StandardEventKind.Amended, On = new DateOnly(2023, 1, 5), Note = "Amendment 1" }, new()];
        var id = await AsEditorAsync(command);

        var stored = await WithDbAsync(db => db.Standards.Include(s => s.Events).SingleAsync(s => s.Id == id, Ct));
        stored.Slug.ShouldBe("gb-t-41234-2022");
        stored.NormalizedCode.ShouldBe("GB/T 41234-2022");
        stored.PlanCode.ShouldBe("20190805T469");
        stored.PlanCodeKey.ShouldBe("20190805T469");
        stored.Events.ShouldHaveSingleItem().Note.ShouldBe("Amendment 1");

        var form = (await SendAsync(new EditStandard.Query(id))).ShouldNotBeNull();
        form.TitleEn = "Smart hydrogen refuelling stations — general requirements";
        form.Events.Clear();
        await AsEditorAsync(form);
        var edited = await WithDbAsync(db => db.Standards.Include(s => s.Events).SingleAsync(s => s.Id == id, Ct));
        edited.TitleEn.ShouldEndWith("general requirements");
        edited.Events.ShouldBeEmpty();
        Indexed("standard").Single(h => h.Id == id).Title.ShouldEndWith("general requirements");

        await AsEditorAsync(new DeleteStandard.Command(id));
        (await WithDbAsync(db => db.Standards.AnyAsync(s => s.Id == id, Ct))).ShouldBeFalse();
    }

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

    // ---- validation: one rule each, in words a person understands ----

    [Theory]
    [InlineData("GX 123 abc", "not a standard code the portal recognises")]
    [InlineData("gb55015—2021", "Another standard already has the code GB 55015-2021.")]
    public async Task A_standard_code_must_parse_and_be_unique(string code, string message)
    {
        var ex = await RefusedAsync(await NewStandardAsync(code, "Anything"));

        ex.Errors.ShouldContain(e => e.PropertyName == "Code" && e.ErrorMessage.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_standard_cannot_take_effect_before_it_is_published()
    {
        var command = await NewStandardAsync("GB/T 1-2030", "Time travel");
        command.PublishedOn = new DateOnly(2030, 5, 1);
        command.EffectiveOn = new DateOnly(2030, 4, 1);

        (await RefusedAsync(command)).Errors.ShouldContain(e => e.PropertyName == "EffectiveOn" && e.ErrorMessage == "The date it takes effect cannot be before the date it was published.");
    }

    [Fact]
    public async Task A_comment_deadline_comes_after_the_draft()
    {
        var standard = await NewStandardAsync("GB/T 2-2030", "Late comments");
        standard.DraftedOn = new DateOnly(2030, 5, 1);
        standard.CommentDeadline = new DateOnly(2030, 5, 1);
        var policy = NewPolicy("Draft rules", await IdAsync(db => db.Sectors, "ict"));
        policy.IssuedOn = "2030-05-01";
        policy.CommentDeadline = new DateOnly(2030, 4, 1);

        (await RefusedAsync(standard)).Errors.ShouldContain(e => e.PropertyName == "CommentDeadline" && e.ErrorMessage == "The comment deadline must be after the date the draft was released.");
        (await RefusedAsync(policy)).Errors.ShouldContain(e => e.PropertyName == "CommentDeadline" && e.ErrorMessage == "The comment deadline must be after the date the draft was issued.");
    }

    [Fact]
    public async Task A_slug_is_unique_per_kind_and_lowercase_with_hyphens()
    {
        var taken = NewPolicy("Another plan", await IdAsync(db => db.Sectors, "ict"));
        taken.Slug = "carbon-peak-action-plan-before-2030";
        var malformed = NewPolicy("Another plan", await IdAsync(db => db.Sectors, "ict"));
        malformed.Slug = "Not A Slug";
        // The same slug is fine for another kind of item.
        await AsEditorAsync(new EditSector.Command { Name = "Carbon peak", Slug = "carbon-peak-action-plan-before-2030" });

        (await RefusedAsync(taken)).Errors.ShouldContain(e => e.PropertyName == "Slug" && e.ErrorMessage == "Another policy already uses this slug.");
        (await RefusedAsync(malformed)).Errors.ShouldContain(e => e.PropertyName == "Slug" && e.ErrorMessage == ReferenceData.SlugMessage);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.com/file")]
    [InlineData("www.example.com")]
    public async Task Links_are_only_absolute_http_or_https_addresses(string url)
    {
        var policy = NewPolicy("Linked plan", await IdAsync(db => db.Sectors, "ict"));
        policy.SourceUrl = url;

        (await RefusedAsync(policy)).Errors.ShouldContain(e => e.PropertyName == "SourceUrl" && e.ErrorMessage == ReferenceData.WebAddressMessage);
    }

    [Fact]
    public async Task Titles_have_a_sensible_length()
    {
        (await RefusedAsync(await NewStandardAsync("GB/T 3-2030", new string('x', 501)))).Errors
            .ShouldContain(e => e.PropertyName == "TitleEn" && e.ErrorMessage == "A title is at most 500 characters.");
    }

    [Fact]
    public async Task Policies_and_standards_need_a_sector()
    {
        var policy = NewPolicy("Sectorless", 0);
        policy.SectorIds = [];
        var standard = await NewStandardAsync("GB/T 4-2030", "Sectorless");
        standard.SectorIds = [];

        (await RefusedAsync(policy)).Errors.ShouldContain(e => e.PropertyName == "SectorIds" && e.ErrorMessage.StartsWith("Choose at least one sector", StringComparison.Ordinal));
        (await RefusedAsync(standard)).Errors.ShouldContain(e => e.PropertyName == "SectorIds" && e.ErrorMessage.StartsWith("Choose at least one sector", StringComparison.Ordinal));
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

    [Fact]
    public async Task A_plan_number_must_look_like_one()
    {
        var command = await NewStandardAsync("GB/T 5-2030", "Planned");
        command.PlanCode = "GB/T 5-2030";

        (await RefusedAsync(command)).Errors.ShouldContain(e => e.PropertyName == "PlanCode" && e.ErrorMessage.StartsWith("Enter a plan number like 20190805-T-469", StringComparison.Ordinal));
    }

    // ---- pages ----

    [Fact]
    public async Task An_edit_saved_on_the_page_shows_on_the_public_page_at_once_and_is_audited()
    {
        var before = await GetPageAsync($"/standards/{Gb55015}");
        before.Document.QuerySelector("h1")!.TextContent.ShouldNotContain("Revised title");
        using var client = await SignedInAsync(Editor, Roles.Editor);
        var id = await IdAsync(db => db.Standards, Gb55015);

        var saved = await PostEditFormAsync(client, $"/editor/standards/{id}", new() { ["Input.TitleEn"] = "Revised title of the building energy code" });

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        saved.Headers.Location!.ToString().ShouldBe($"/editor/standards/{id}");
        var after = await GetPageAsync($"/standards/{Gb55015}");
        after.Document.Body!.TextContent.ShouldContain("Revised title of the building energy code");
        var audit = await WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.ItemKind == ItemKind.Standard && a.ItemId == id, Ct));
        audit.Action.ShouldBe("saved");
        audit.UserName.ShouldBe(Editor);
        var (_, page) = await GetAsync(client, $"/editor/standards/{id}");
        page.ShouldContain("The standard was saved.");
    }

    [Fact]
    public async Task A_validation_error_on_the_page_is_shown_next_to_its_field_and_keeps_the_input()
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);
        var id = await IdAsync(db => db.Standards, Gb55015);

        var response = await PostEditFormAsync(client, $"/editor/standards/{id}", new() { ["Input.Code"] = "not a code at all", ["Input.TitleZh"] = "typed by the editor" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var document = await ParseAsync(response);
        document.QuerySelector("#code-error")!.TextContent.ShouldContain("not a standard code the portal recognises");
        document.QuerySelector<IHtmlInputElement>("input[name='Input.TitleZh']")!.Value.ShouldBe("typed by the editor");
    }

    [Fact]
    public async Task The_second_of_two_concurrent_saves_gets_a_conflict_showing_both_versions_then_saving_again_overwrites()
    {
        using var first = await SignedInAsync("first@example.com", Roles.Editor);
        using var second = await SignedInAsync("second@example.com", Roles.Editor);
        var id = await IdAsync(db => db.Policies, "carbon-peak-action-plan-before-2030");
        var path = $"/editor/policies/{id}";
        var firstForm = await FormFieldsAsync(first, path);
        var secondForm = await FormFieldsAsync(second, path);

        (await PostFieldsAsync(first, path, firstForm, new() { ["Input.DocumentNumber"] = "FIRST-2021-1" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var conflict = await PostFieldsAsync(second, path, secondForm, new() { ["Input.DocumentNumber"] = "SECOND-2021-2" });

        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var document = await ParseAsync(conflict);
        var panel = document.QuerySelector(".conflict").ShouldNotBeNull();
        panel.TextContent.ShouldContain("Document number: FIRST-2021-1");
        panel.TextContent.ShouldContain("Document number: SECOND-2021-2");
        document.QuerySelector<IHtmlInputElement>("input[name='Input.DocumentNumber']")!.Value.ShouldBe("SECOND-2021-2");

        var again = await PostFieldsAsync(second, path, FieldsOf(document), []);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WithDbAsync(db => db.Policies.SingleAsync(p => p.Id == id, Ct))).DocumentNumber.ShouldBe("SECOND-2021-2");
    }

    [Fact]
    public async Task A_save_that_overlaps_another_in_the_database_gets_a_conflict_not_an_error()
    {
        var id = await IdAsync(db => db.Standards, Gb55015);
        var form = (await SendAsync(new EditStandard.Query(id))).ShouldNotBeNull();
        form.TitleEn = "Saved by the second editor";
        // The first editor's save is in the database, not yet committed: it changed the row and recorded the next version.
        await using var connection = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var first = await connection.BeginTransactionAsync(Ct);
        await using (var write = new NpgsqlCommand("""
            UPDATE standards SET title_en = 'Saved by the first editor' WHERE id = @id;
            INSERT INTO content_versions (item_kind, item_id, number, snapshot, author_name, created_at)
            SELECT 'Standard', @id, coalesce(max(number), 0) + 1, 'Title: Saved by the first editor', 'first@example.com', now()
            FROM content_versions WHERE item_kind = 'Standard' AND item_id = @id;
            """, connection, first))
        {
            write.Parameters.AddWithValue("id", id);
            await write.ExecuteNonQueryAsync(Ct);
        }

        // The second save read the version the first is replacing, so it passes the version check, then waits on the row.
        var second = AsEditorAsync(form);
        await Task.Delay(500, Ct);
        second.IsCompleted.ShouldBeFalse();
        await first.CommitAsync(Ct);

        var conflict = await Should.ThrowAsync<ConcurrencyConflictException>(() => second);
        conflict.StoredSnapshot.ShouldContain("Saved by the first editor");
        conflict.AttemptedSnapshot.ShouldContain("Saved by the second editor");
        (await WithDbAsync(db => db.Standards.SingleAsync(s => s.Id == id, Ct))).TitleEn.ShouldBe("Saved by the first editor");
    }

    [Fact]
    public async Task A_sector_given_a_new_slug_keeps_its_items_in_search_and_in_saved_searches()
    {
        var before = await SendAsync(new SearchPortal.Query("", Kind: ["policy"], Sector: ["carbon"]));
        before.Total.ShouldBeGreaterThan(0);
        var member = await Fixture.CreateUserAsync("saver@example.com", "Correct-Horse-42", Roles.Member);
        using (Fixture.ActAs(member, Roles.Member))
        {
            await SendAsync(new FollowItem.Command { Kind = WatchKind.Search, Query = "peak", Kinds = ["policy"], Sectors = ["carbon", "ict"] });
        }

        var form = (await SendAsync(new EditSector.Query(await IdAsync(db => db.Sectors, "carbon")))).ShouldNotBeNull();
        form.Slug = "carbon-emission";
        await AsEditorAsync(form);

        var after = await SendAsync(new SearchPortal.Query("", Kind: ["policy"], Sector: ["carbon-emission"]));
        after.Total.ShouldBe(before.Total);
        after.Hits.Select(h => h.Url).ShouldBe(before.Hits.Select(h => h.Url));
        after.Facets.Sector.Select(f => f.Value).ShouldContain("carbon-emission");
        after.Facets.Sector.Select(f => f.Value).ShouldNotContain("carbon");
        (await WithDbAsync(db => db.WatchItems.SingleAsync(i => i.Kind == WatchKind.Search, Ct))).Filters
            .ShouldBe("kind=policy&sector=carbon-emission&sector=ict", "still in canonical order");
        var moved = (await GetPageAsync("/sectors/carbon")).Response;
        moved.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        moved.Headers.Location!.ToString().ShouldBe("/sectors/carbon-emission");
        var feed = (await GetPageAsync("/feeds/sectors/carbon.atom")).Response;
        feed.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        feed.Headers.Location!.ToString().ShouldBe("/feeds/sectors/carbon-emission.atom");
    }

    [Fact]
    public async Task An_organisation_given_a_new_slug_still_filters_its_policies_and_a_deleted_sector_leaves_the_facets()
    {
        var before = await SendAsync(new SearchPortal.Query("plan", Kind: ["policy"], Authority: ["miit"]));
        var form = (await SendAsync(new EditOrganisation.Query(await IdAsync(db => db.Organisations, "miit")))).ShouldNotBeNull();
        form.Slug = "miit-china";
        await AsEditorAsync(form);

        var after = await SendAsync(new SearchPortal.Query("plan", Kind: ["policy"], Authority: ["miit-china"]));
        after.Total.ShouldBe(before.Total);
        after.Total.ShouldBeGreaterThan(0);

        var hydrogen = await AsEditorAsync(new EditSector.Command { Name = "Hydrogen" });
        var standard = await NewStandardAsync("GB/T 99002-2022", "Hydrogen refuelling: pipes");
        standard.SectorIds.Add(hydrogen);
        await AsEditorAsync(standard);
        (await SendAsync(new SearchPortal.Query("refuelling", Sector: ["hydrogen"]))).Total.ShouldBe(1);

        await AsEditorAsync(new DeleteSector.Command(hydrogen));

        (await SendAsync(new SearchPortal.Query("refuelling"))).Facets.Sector.Select(f => f.Value).ShouldNotContain("hydrogen");
    }

    [Fact]
    public async Task A_standard_whose_code_is_corrected_is_found_at_its_old_address_with_a_301_until_another_takes_it()
    {
        var id = await AsEditorAsync(await NewStandardAsync("GB/T 99001-2022", "Hydrogen refuelling: safety"));
        (await GetPageAsync("/standards/gb-t-99001-2022")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var corrected in new[] { "GB/T 99001-2023", "GB/T 99001-2024" })
        {
            var form = (await SendAsync(new EditStandard.Query(id))).ShouldNotBeNull();
            form.Code = corrected;
            form.Slug = null;
            await AsEditorAsync(form);
        }

        foreach (var old in new[] { "/standards/gb-t-99001-2022", "/standards/gb-t-99001-2023" })
        {
            var moved = (await GetPageAsync(old)).Response;
            moved.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently, old);
            moved.Headers.Location!.ToString().ShouldBe("/standards/gb-t-99001-2024", old);
        }

        var feed = (await GetPageAsync("/feeds/standards/gb-t-99001-2022.atom")).Response;
        feed.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        feed.Headers.Location!.ToString().ShouldBe("/feeds/standards/gb-t-99001-2024.atom");
        var api = (await GetPageAsync("/api/v1/standards/gb-t-99001-2022")).Response;
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.Content.ReadAsStringAsync(Ct)).ShouldContain("\"slug\":\"gb-t-99001-2024\"");

        // A new standard may take an old address: the live one wins.
        await AsEditorAsync(await NewStandardAsync("GB/T 99001-2022", "Hydrogen refuelling: a different standard"));
        (await GetPageAsync("/standards/gb-t-99001-2022")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetPageAsync("/standards/gb-t-99001-2023")).Response.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);

        await AsEditorAsync(new DeleteStandard.Command(id));
        (await GetPageAsync("/standards/gb-t-99001-2023")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await GetPageAsync("/standards/never-existed")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_saved_search_filtered_by_a_deleted_sector_loses_the_filter_or_merges_with_the_same_search_saved_without_it()
    {
        var hydrogen = await AsEditorAsync(new EditSector.Command { Name = "Hydrogen" });
        var member = await Fixture.CreateUserAsync("saver@example.com", "Correct-Horse-42", Roles.Member);
        using (Fixture.ActAs(member, Roles.Member))
        {
            await SendAsync(new FollowItem.Command { Kind = WatchKind.Search, Query = "refuelling", Sectors = ["hydrogen"] });
            await SendAsync(new FollowItem.Command { Kind = WatchKind.Search, Query = "pipes", Sectors = ["hydrogen", "ict"] });
            await SendAsync(new FollowItem.Command { Kind = WatchKind.Search, Query = "refuelling" });
        }

        await AsEditorAsync(new DeleteSector.Command(hydrogen));

        var saved = await WithDbAsync(db => db.WatchItems.Where(i => i.Kind == WatchKind.Search).OrderBy(i => i.Query).Select(i => new { i.Query, i.Filters }).ToListAsync(Ct));
        saved.Select(i => $"{i.Query}?{i.Filters}").ShouldBe(["pipes?sector=ict", "refuelling?"]);
    }

    [Fact]
    public async Task The_history_page_lists_versions_and_shows_the_differences_between_two_chosen()
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);
        var id = await IdAsync(db => db.Organisations, "cac");
        await PostEditFormAsync(client, $"/editor/organisations/{id}", new() { ["Input.Abbreviation"] = "CAC-1" });
        await PostEditFormAsync(client, $"/editor/organisations/{id}", new() { ["Input.Abbreviation"] = "CAC-2" });
        await PostEditFormAsync(client, $"/editor/organisations/{id}", new() { ["Input.Abbreviation"] = "CAC-3" });

        var (status, html) = await GetAsync(client, $"/editor/organisations/{id}/history?from=1&to=3");

        status.ShouldBe(HttpStatusCode.OK);
        var document = await ParseHtmlAsync(html);
        document.QuerySelectorAll("tbody tr").Length.ShouldBe(3);
        document.QuerySelector("h2")!.TextContent.ShouldBe("Changes from version 1 to version 3");
        document.QuerySelector(".diff-del")!.TextContent.ShouldContain("Abbreviation: CAC-1");
        document.QuerySelector(".diff-ins")!.TextContent.ShouldContain("Abbreviation: CAC-3");
    }

    [Fact]
    public async Task A_new_item_is_created_on_its_page_and_the_form_moves_rows_without_saving()
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);
        var miit = (await IdAsync(db => db.Organisations, "miit")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ndrc = (await IdAsync(db => db.Organisations, "ndrc")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = "Guideline on green data centres", ["Input.Kind"] = "Guideline", ["Input.Status"] = "Final",
            ["Input.Authorities[0].OrganisationId"] = miit, ["Input.Authorities[1].OrganisationId"] = ndrc,
            ["Input.SectorIds"] = (await IdAsync(db => db.Sectors, "ict")).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var moved = await PostFieldsAsync(client, "/editor/policies/new", await FormFieldsAsync(client, "/editor/policies/new"), new(fields) { ["move"] = "Authorities:1:up" });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var form = await ParseAsync(moved);
        form.QuerySelector<IHtmlSelectElement>("select[name='Input.Authorities[0].OrganisationId']")!.Value.ShouldBe(ndrc);
        (await WithDbAsync(db => db.Policies.AnyAsync(p => p.Slug == "guideline-on-green-data-centres", Ct))).ShouldBeFalse();

        var created = await PostFieldsAsync(client, "/editor/policies/new", FieldsOf(form), []);
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var policy = (await SendAsync(new GetPolicy.Query("guideline-on-green-data-centres"))).ShouldNotBeNull();
        policy.Authorities.Select(a => a.Slug).ShouldBe(["ndrc", "miit"]);
        (await GetPageAsync("/policies/guideline-on-green-data-centres")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
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

    [Fact]
    public async Task The_deletion_impact_names_what_else_changes_and_the_standard_goes_with_it_after_confirming_on_its_page()
    {
        var policy = await IdAsync(db => db.Policies, "carbon-peak-action-plan-before-2030");
        var doomed = await NewStandardAsync("GB/T 99001-2022", "Hydrogen refuelling: safety");
        doomed.Events = [new() { Kind = StandardEventKind.Amended, On = new DateOnly(2023, 1, 5), Note = "Amendment 1" }];
        var id = await AsEditorAsync(doomed);
        var replaced = await NewStandardAsync("GB/T 99000-2018", "Hydrogen refuelling: the older safety rules");
        replaced.Status = StandardStatus.Superseded;
        replaced.ReplacedBy = "GB/T 99001-2022";
        var replacedId = await AsEditorAsync(replaced);
        await AsEditorAsync(new AddRelation.Command { ItemKind = ItemKind.Standard, ItemId = id, Type = RelationType.Implements, OtherKind = ItemKind.Policy, OtherId = policy });
        var member = await Fixture.CreateUserAsync("follower@example.com", "Correct-Horse-42", Roles.Member);
        using (Fixture.ActAs(member, Roles.Member))
        {
            await SendAsync(new FollowItem.Command { Kind = WatchKind.Standard, ItemId = id });
        }

        var impact = (await SendAsync(new GetDeletionImpact.Query(ItemKind.Standard, id))).ShouldNotBeNull();

        impact.Title.ShouldBe("GB/T 99001-2022 Hydrogen refuelling: safety");
        impact.Refusal.ShouldBeNull();
        impact.Consequences.ShouldBe([
            "Its relation to another item is removed.",
            "Its timeline event is deleted.",
            "A standard it replaces no longer names its replacement.",
            "A member follows it: their watchlist will say it no longer exists.",
        ]);

        using var client = await SignedInAsync(Editor, Roles.Editor);
        var (_, edit) = await GetAsync(client, $"/editor/standards/{id}");
        var link = (await ParseHtmlAsync(edit)).QuerySelector($"a[href='/editor/standards/{id}/delete']").ShouldNotBeNull();
        link.TextContent.ShouldBe("Delete this standard…");
        var path = $"/editor/standards/{id}/delete";
        var (status, confirm) = await GetAsync(client, path);
        status.ShouldBe(HttpStatusCode.OK);
        var page = await ParseHtmlAsync(confirm);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Delete the standard “GB/T 99001-2022 Hydrogen refuelling: safety”?");
        page.QuerySelectorAll("main li").Select(li => li.TextContent).ShouldContain("Its timeline event is deleted.");
        (await WithDbAsync(db => db.Standards.AnyAsync(s => s.Id == id, Ct))).ShouldBeTrue("looking at the page deletes nothing");

        var deleted = await PostFieldsAsync(client, path, FieldsOf(page.QuerySelector("form.delete-form")!), []);

        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        deleted.Headers.Location!.ToString().ShouldBe("/editor/standards");
        (await ParseHtmlAsync((await GetAsync(client, "/editor/standards")).Html)).QuerySelector("[role=status]")!.TextContent
            .ShouldBe("The standard “GB/T 99001-2022 Hydrogen refuelling: safety” was deleted.");
        (await WithDbAsync(db => db.Standards.AnyAsync(s => s.Id == id, Ct))).ShouldBeFalse();
        (await WithDbAsync(db => db.Standards.SingleAsync(s => s.Id == replacedId, Ct))).ReplacedById.ShouldBeNull();
        (await GetPageAsync("/standards/gb-t-99001-2022")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await GetAsync(client, path)).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_item_with_nothing_depending_on_it_is_deleted_from_its_page_and_leaves_the_public_pages()
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);
        var id = await AsEditorAsync(new EditOrganisation.Command { Name = "Short-lived Institute", Kind = OrganisationKind.ResearchInstitute });
        (await GetPageAsync("/organisations/short-lived-institute")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var path = $"/editor/organisations/{id}/delete";
        var page = await ParseHtmlAsync((await GetAsync(client, path)).Html);
        page.QuerySelector("main")!.TextContent.ShouldContain("Nothing else in the portal refers to it.");

        var response = await PostFieldsAsync(client, path, FieldsOf(page.QuerySelector("form.delete-form")!), []);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await GetPageAsync("/organisations/short-lived-institute")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_item_others_depend_on_says_why_before_the_editor_tries_and_a_post_anyway_is_refused_with_409()
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);
        var miit = await IdAsync(db => db.Organisations, "miit");
        var path = $"/editor/organisations/{miit}/delete";

        var (status, html) = await GetAsync(client, path);

        status.ShouldBe(HttpStatusCode.OK);
        var page = await ParseHtmlAsync(html);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("issues policies: remove it from their issuing authorities first.");
        page.QuerySelector("main form").ShouldBeNull("no delete button while it cannot be deleted");

        // A form drawn before the policy named it: the delete is refused, the page says why.
        var ict = await IdAsync(db => db.Sectors, "ict");
        var fresh = await AsEditorAsync(new EditOrganisation.Command { Name = "Soon an authority", Kind = OrganisationKind.ResearchInstitute });
        var freshPath = $"/editor/organisations/{fresh}/delete";
        var drawn = await ParseHtmlAsync((await GetAsync(client, freshPath)).Html);
        await AsEditorAsync(new EditPolicy.Command { Title = "A policy it issues", Kind = PolicyKind.Guideline, Status = PolicyStatus.Final, SectorIds = [ict], Authorities = [new() { OrganisationId = fresh }] });

        var refused = await PostFieldsAsync(client, freshPath, FieldsOf(drawn.QuerySelector("form.delete-form")!), []);

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("“Soon an authority” issues policies");
        (await WithDbAsync(db => db.Organisations.AnyAsync(o => o.Id == fresh, Ct))).ShouldBeTrue();
    }

    [Theory]
    [InlineData("/editor/standards/999999/delete")]
    [InlineData("/editor/articles/1/delete")]
    [InlineData("/editor/standards/not-a-number/delete")]
    public async Task The_delete_page_of_something_that_does_not_exist_is_404(string path)
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);

        (await GetAsync(client, path)).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_delete_without_the_antiforgery_token_or_by_a_member_deletes_nothing()
    {
        var id = await AsEditorAsync(new EditSector.Command { Name = "Kept sector" });
        var path = new Uri($"/editor/sectors/{id}/delete", UriKind.Relative);
        using var editor = await SignedInAsync(Editor, Roles.Editor);
        using var member = await SignedInAsync("member@example.com", Roles.Member);
        using var empty = new FormUrlEncodedContent([]);
        using var withToken = new FormUrlEncodedContent([new("__RequestVerificationToken", await AntiforgeryTokenAsync(member, "/account/sign-out"))]);

        (await editor.PostAsync(path, empty, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await member.PostAsync(path, withToken, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await WithDbAsync(db => db.Sectors.AnyAsync(s => s.Id == id, Ct))).ShouldBeTrue();
    }

    [Theory]
    [InlineData("standards")]
    [InlineData("policies")]
    [InlineData("working-groups")]
    [InlineData("organisations")]
    [InlineData("sectors")]
    public async Task An_edit_form_posted_without_its_antiforgery_token_is_refused(string area)
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);
        using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("Input.Name", "x"), new("Input.Title", "x")]);

        var response = await client.PostAsync(new Uri($"/editor/{area}/new", UriKind.Relative), content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_member_posting_an_edit_form_with_extra_fields_changes_nothing()
    {
        using var client = await SignedInAsync("member@example.com", Roles.Member);
        var id = await IdAsync(db => db.Standards, Gb55015);
        var token = await AntiforgeryTokenAsync(client, "/account/sign-out");
        using var content = new FormUrlEncodedContent([new("Input.TitleEn", "Hijacked"), new("Input.UserId", "admin"), new("Roles", Roles.Admin), new("__RequestVerificationToken", token)]);

        var response = await client.PostAsync(new Uri($"/editor/standards/{id}", UriKind.Relative), content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await WithDbAsync(db => db.Standards.SingleAsync(s => s.Id == id, Ct))).TitleEn.ShouldNotBe("Hijacked");
    }

    [Fact]
    public async Task An_editor_posting_extra_fields_is_still_audited_as_themselves()
    {
        using var client = await SignedInAsync(Editor, Roles.Editor);
        var id = await IdAsync(db => db.Sectors, "ai");

        await PostEditFormAsync(client, $"/editor/sectors/{id}", new() { ["Input.Name"] = "Artificial intelligence", ["UserName"] = "admin", ["Input.AuthorName"] = "admin", ["Input.Id"] = "1" });

        var audit = await WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.ItemKind == ItemKind.Sector, Ct));
        audit.ItemId.ShouldBe(id);
        audit.UserName.ShouldBe(Editor);
    }

    // ---- helpers ----

    private static EditPolicy.Command NewPolicy(string title, int sectorId) => new() { Title = title, Kind = PolicyKind.ActionPlan, Status = PolicyStatus.Final, SectorIds = [sectorId] };

    private async Task<EditStandard.Command> NewStandardAsync(string code, string title) => new()
    {
        Code = code, TitleEn = title, Status = StandardStatus.Published, SectorIds = [await IdAsync(db => db.Sectors, "energy-efficiency")],
    };

    private async Task<T> AsEditorAsync<T>(ICommand<T> command)
    {
        using var _ = Fixture.ActAs(Editor, Roles.Editor);
        await using var scope = Fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, Ct);
    }

    private async Task<ValidationException> RefusedAsync<T>(ICommand<T> command) => await Should.ThrowAsync<ValidationException>(() => AsEditorAsync(command));

    private async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> read)
    {
        await using var scope = Fixture.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    private Task<int> IdAsync<TItem>(Func<PortalDbContext, IQueryable<TItem>> set, string slug)
        where TItem : class =>
        WithDbAsync(db => set(db).Where(i => EF.Property<string>(i, "Slug") == slug).Select(i => EF.Property<int>(i, "Id")).SingleAsync(Ct));

    private Task<uint> VersionAsync<TItem>(Func<PortalDbContext, IQueryable<TItem>> set, int id)
        where TItem : class =>
        WithDbAsync(db => set(db).Where(i => EF.Property<int>(i, "Id") == id).Select(i => EF.Property<uint>(i, "Version")).SingleAsync(Ct));

    private static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<IHtmlDocument> ParseHtmlAsync(string html) =>
        (IHtmlDocument)await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), Ct);

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) => await ParseHtmlAsync(await response.Content.ReadAsStringAsync(Ct));

    /// <summary>The fields of the page's edit form as a browser would post them (with the antiforgery token).</summary>
    private static Task<List<KeyValuePair<string, string>>> FormFieldsAsync(HttpClient client, string path) => EditorForms.FieldsAsync(client, path);

    private static List<KeyValuePair<string, string>> FieldsOf(IParentNode root) => EditorForms.FieldsOf(root);

    private static Task<HttpResponseMessage> PostFieldsAsync(
        HttpClient client, string path, List<KeyValuePair<string, string>> fields, Dictionary<string, string> changes, string? action = null) =>
        EditorForms.PostAsync(client, path, fields, changes, action);

    private static async Task<HttpResponseMessage> PostEditFormAsync(HttpClient client, string path, Dictionary<string, string> changes) =>
        await PostFieldsAsync(client, path, await FormFieldsAsync(client, path), changes);
}
