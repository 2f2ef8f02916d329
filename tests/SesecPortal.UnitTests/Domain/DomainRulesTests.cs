using SesecPortal.Application.Domain;

namespace SesecPortal.UnitTests.Domain;

public sealed class DomainRulesTests
{
    [Theory]
    [InlineData("2021-12-06", "6 December 2021", DatePrecision.Day)]
    [InlineData("2021-10", "October 2021", DatePrecision.Month)]
    [InlineData("2021", "2021", DatePrecision.Year)]
    public void Partial_dates_keep_only_what_the_text_says(string text, string shown, DatePrecision precision)
    {
        PartialDate.TryParse(text, out var date).ShouldBeTrue();

        date.Precision.ShouldBe(precision);
        date.ToString().ShouldBe(shown);
    }

    [Theory]
    [InlineData("2022-02-30")]
    [InlineData("2021-13")]
    [InlineData("yesterday")]
    [InlineData(null)]
    public void Rejects_dates_that_do_not_exist(string? text)
    {
        PartialDate.TryParse(text, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("China Meets Europe: SESEC Presented at Hamburg Summit", "china-meets-europe-sesec-presented-at-hamburg-summit")]
    [InlineData("T/CESA 1026—2018", "t-cesa-1026-2018")]
    [InlineData("What is “Important Data”? New Standard Provides the Answer", "what-is-important-data-new-standard-provides-the-answer")]
    [InlineData("China’s first", "chinas-first")]
    public void Slugs_are_lower_case_ascii_words(string title, string slug)
    {
        Slug.From(title).ShouldBe(slug);
        Slug.IsValid(slug).ShouldBeTrue();
    }

    [Fact]
    public void A_published_standard_reads_published_with_its_in_force_date_before_that_day()
    {
        var effective = new DateOnly(2022, 4, 1);

        StandardLifecycle.Describe(StandardStatus.Published, effective, null, new DateOnly(2022, 3, 31))
            .ShouldBe("Published, in force from 1 April 2022");
        StandardLifecycle.CurrentStatus(StandardStatus.Published, effective, null, new DateOnly(2022, 3, 31))
            .ShouldBe(StandardStatus.Published);
    }

    [Fact]
    public void A_published_standard_is_in_force_from_its_effective_date()
    {
        var effective = new DateOnly(2022, 4, 1);

        StandardLifecycle.CurrentStatus(StandardStatus.Published, effective, null, effective).ShouldBe(StandardStatus.InForce);
        StandardLifecycle.Describe(StandardStatus.Published, effective, null, new DateOnly(2026, 11, 26)).ShouldBe("In force");
    }

    [Fact]
    public void A_withdrawn_date_that_has_passed_means_withdrawn()
    {
        StandardLifecycle.CurrentStatus(StandardStatus.InForce, new DateOnly(2015, 1, 1), new DateOnly(2020, 1, 1), new DateOnly(2021, 1, 1))
            .ShouldBe(StandardStatus.Withdrawn);
    }

    [Fact]
    public void Setting_a_code_derives_its_normalised_form_key_and_level()
    {
        var standard = new Standard { Slug = "t-cesa-1026-2018", TitleEn = "Artificial intelligence - Assessment specification for deep learning algorithms" };

        standard.SetCode("T/CESA 1026—2018");

        standard.Code.ShouldBe("T/CESA 1026—2018");
        standard.NormalizedCode.ShouldBe("T/CESA 1026-2018");
        standard.CodeKey.ShouldBe("TCESA10262018");
        standard.Level.ShouldBe(StandardLevel.Association);
    }
}
