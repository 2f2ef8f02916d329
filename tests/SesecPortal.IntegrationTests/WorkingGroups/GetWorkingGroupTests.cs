using SesecPortal.Application.Features.WorkingGroups;

namespace SesecPortal.IntegrationTests.WorkingGroups;

/// <summary>Reading working groups and the committee tree of the seed.</summary>
public sealed class GetWorkingGroupTests(IntegrationFixture fixture) : SeedReadTest(fixture)
{
    [Fact]
    public async Task Working_group_shows_leaders_achievements_and_ongoing_work_but_no_contacts_to_anonymous_readers()
    {
        var group = (await SendAsync(new GetWorkingGroup.Query("tc28-sc42-trustworthiness-research", IncludeContacts: false))).ShouldNotBeNull();

        group.Ancestors.Select(a => a.Slug).ShouldBe(["tc28", "tc28-sc42"]);
        group.Members[0].Person.ShouldBe("Xue Yunzhi");
        group.Members[0].Role.ShouldBe("Group leader");
        group.Achievements.SelectMany(g => g.Items).Select(i => i.Standard?.Slug).ShouldContain("t-cesa-1026-2018");
        group.OngoingWork.SelectMany(g => g.Items).Select(i => i.Title).ShouldContain("White paper on trustworthy AI standardisation");
        group.ContactCount.ShouldBe(1);
        group.Contacts.ShouldBeEmpty();
    }

    [Fact]
    public async Task Working_group_contacts_are_there_for_signed_in_readers()
    {
        var group = (await SendAsync(new GetWorkingGroup.Query("tc28-sc42-trustworthiness-research", IncludeContacts: true))).ShouldNotBeNull();

        var contact = group.Contacts.ShouldHaveSingleItem();
        contact.Name.ShouldBe("Li Binbin");
        contact.Phones.ShouldBe(["15624952070", "010-64102859"]);
    }

    [Fact]
    public async Task Committee_tree_has_tc28_then_sc42_then_eight_working_groups()
    {
        var tree = await SendAsync(new ListWorkingGroups.Query());

        var tc28 = tree.ShouldHaveSingleItem();
        tc28.Slug.ShouldBe("tc28");
        var sc42 = tc28.Children.ShouldHaveSingleItem();
        sc42.Children.Count.ShouldBe(8);
        sc42.Children[0].Name.ShouldBe("Chip and System Research Work Group");
    }
}
