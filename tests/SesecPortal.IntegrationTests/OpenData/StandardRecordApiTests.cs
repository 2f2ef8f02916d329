using System.Text.Json;
using SesecPortal.IntegrationTests.Standards;

namespace SesecPortal.IntegrationTests.OpenData;

/// <summary>The read API gives a standard's record (issue 18).</summary>
public sealed class StandardRecordApiTests(IntegrationFixture fixture) : StandardRecordTest(fixture)
{
    [Fact]
    public async Task The_read_api_gives_the_adoptions_links_and_drafters()
    {
        var command = await AdoptingStandardAsync();
        command.RecordUrl = "https://std.samr.gov.cn/gb/search/gbDetailed?id=1";
        command.DraftingOrganisations = Organisation;
        await AsEditorAsync(command);
        using var client = Fixture.CreateClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/standards/gb-t-19001-2016", UriKind.Relative), Ct));

        var root = json.RootElement;
        var adoption = root.GetProperty("adoptions").EnumerateArray().ShouldHaveSingleItem();
        adoption.GetProperty("designation").GetString().ShouldBe("GB/T 19001\u20142016/ISO 9001:2015");
        adoption.GetProperty("degree").GetString().ShouldBe("IDT");
        root.GetProperty("official").GetProperty("recordUrl").GetString().ShouldBe("https://std.samr.gov.cn/gb/search/gbDetailed?id=1");
        root.GetProperty("draftingOrganisations").EnumerateArray().Select(e => e.GetString()).ShouldBe([Organisation]);
        var csv = await client.GetStringAsync(new Uri("/api/v1/standards.csv?q=19001", UriKind.Relative), Ct);
        csv.ShouldContain("GB/T 19001\u20142016/ISO 9001:2015, identical (IDT)");
    }
}
