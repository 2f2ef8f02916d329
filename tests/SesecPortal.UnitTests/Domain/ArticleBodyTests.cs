using SesecPortal.Application.Domain;

namespace SesecPortal.UnitTests.Domain;

public sealed class ArticleBodyTests
{
    [Fact]
    public void A_first_paragraph_that_repeats_the_lead_is_left_out()
    {
        ArticleBody.WithoutRepeatedLead("The plan sets  targets\nfor 2025.", "The plan sets targets for 2025.\n\nIt names three sectors.\n\nAnd more.")
            .ShouldBe("It names three sectors.\n\nAnd more.");
    }

    [Fact]
    public void A_body_that_is_only_the_lead_is_empty()
    {
        ArticleBody.WithoutRepeatedLead("Only this.", "Only this.").ShouldBe("");
    }

    [Theory]
    [InlineData("The plan sets targets.", "The plan sets targets for 2025.\n\nMore.")]
    [InlineData("", "The plan.\n\nMore.")]
    [InlineData("The plan.", "Another opening.\n\nThe plan.")]
    public void A_body_that_does_not_open_with_the_lead_is_kept_whole(string summary, string body)
    {
        ArticleBody.WithoutRepeatedLead(summary, body).ShouldBe(body);
    }
}
