using SesecPortal.Application.Features.Policies;

namespace SesecPortal.IntegrationTests.Policies;

/// <summary>Reading policies of the seed.</summary>
public sealed class GetPolicyTests(IntegrationFixture fixture) : SeedReadTest(fixture)
{
    [Fact]
    public async Task Policy_shows_its_authorities_lead_first_and_the_articles_about_it()
    {
        var policy = (await SendAsync(new GetPolicy.Query("opinions-strictly-regulating-energy-efficiency-key-areas"))).ShouldNotBeNull();

        policy.Authorities.Select(a => a.Slug).ShouldBe(["ndrc", "nea", "miit", "mee", "samr"]);
        policy.IssuedOn.ShouldBe("18 October 2021");
        policy.Kind.ShouldBe("Opinions");
        policy.Articles.Select(a => a.Slug).ShouldContain("china-to-strictly-regulate-energy-efficiency");
    }

    [Fact]
    public async Task Policy_known_only_to_the_month_shows_the_month()
    {
        var policy = (await SendAsync(new GetPolicy.Query("national-outline-for-standardization-development"))).ShouldNotBeNull();

        policy.IssuedOn.ShouldBe("October 2021");
    }
}
