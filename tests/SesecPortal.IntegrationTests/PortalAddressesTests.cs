using SesecPortal.Application.Domain;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.IntegrationTests;

/// <summary>The web layer's one table of page addresses, from what the application says an item is (no database).</summary>
public sealed class PortalAddressesTests
{
    private readonly PortalAddresses addresses = new();

    [Fact]
    public void A_saved_search_links_to_the_search_page_with_its_words_and_filters()
    {
        var filters = SavedSearch.Filters(["standard", "Policy", "policy"], ["ict", "carbon"], []);

        addresses.Search("carbon peak", filters).ShouldBe("/search?q=carbon%20peak&kind=policy&kind=standard&sector=carbon&sector=ict");
    }

    [Theory]
    [InlineData(ItemKind.Article, "/articles/a")]
    [InlineData(ItemKind.Policy, "/policies/a")]
    [InlineData(ItemKind.Standard, "/standards/a")]
    [InlineData(ItemKind.WorkingGroup, "/working-groups/a")]
    [InlineData(ItemKind.Organisation, "/organisations/a")]
    [InlineData(ItemKind.Sector, "/sectors/a")]
    [InlineData(ItemKind.Issue, "/issues/a")]
    public void An_item_page_is_its_area_and_its_slug(ItemKind kind, string path) => addresses.Page(new ItemRef(kind, "a")).ShouldBe(path);

    [Fact]
    public void A_kind_without_public_pages_has_no_address() => Should.Throw<ArgumentOutOfRangeException>(() => addresses.Page(new ItemRef(ItemKind.User, "a")));
}
