using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Sectors;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>The rules every reference item must meet, one rule each, in words a person understands (issue 4).</summary>
public sealed class ReferenceValidationTests(IntegrationFixture fixture) : ReferenceDataTest(fixture)
{
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
}
