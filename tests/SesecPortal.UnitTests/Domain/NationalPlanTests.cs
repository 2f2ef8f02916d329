using SesecPortal.Application.Domain;

namespace SesecPortal.UnitTests.Domain;

/// <summary>A national plan number read as SAC writes it, its stages on a given day, and when it is overdue.</summary>
public sealed class NationalPlanTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    [Theory]
    [InlineData("20190805-T-469", 2019, PlanNature.Recommended, "469")]
    [InlineData("20214460-Q-339", 2021, PlanNature.Mandatory, "339")]
    [InlineData("20202990-Z-604", 2020, PlanNature.GuidanceDocument, "604")]
    [InlineData("20190805 T 469", 2019, PlanNature.Recommended, "469")]
    public void A_plan_number_gives_its_year_nature_and_department_code(string code, int year, PlanNature nature, string department)
    {
        var plan = NationalPlan.Parse(code).ShouldNotBeNull();

        (plan.Year, plan.Nature, plan.DepartmentCode).ShouldBe((year, nature, department));
        plan.Number.ShouldBe($"{code[..8]}-{code[9]}-{code[^3..]}");
    }

    [Theory]
    [InlineData("GB/T 19001-2016")]
    [InlineData("CESA-2020-2-019")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_but_a_national_plan_number_is_no_plan(string? code) => NationalPlan.Parse(code).ShouldBeNull();

    [Fact]
    public void The_nature_is_labelled_in_english_and_chinese()
    {
        NationalPlan.Parse("20190805-T-469")!.NatureLabel.ShouldBe("Recommended national standard (T, 推荐性)");
        NationalPlan.Parse("20190805-Q-469")!.NatureLabel.ShouldBe("Mandatory national standard (Q, 强制性)");
        NationalPlan.Parse("20190805-Z-469")!.NatureLabel.ShouldBe("Guidance technical document (Z, 指导性技术文件)");
    }

    [Fact]
    public void Stages_take_their_dates_from_events_and_the_standards_dates_and_the_current_is_the_last_reached()
    {
        var events = new StandardTimeline.Stored[]
        {
            new(StandardEventKind.PlanApproved, new DateOnly(2025, 1, 10), null),
            new(StandardEventKind.TechnicalReview, new DateOnly(2026, 3, 1), null),
            new(StandardEventKind.SubmittedForApproval, new DateOnly(2026, 9, 1), null), // still to come on Today
        };

        var stages = NationalPlan.Stages(forCommentsOn: new DateOnly(2025, 10, 1), publishedOn: null, events, Today);

        stages.Select(s => s.Kind).ShouldBe(Enum.GetValues<PlanStage>());
        stages.Select(s => s.Reached).ShouldBe([true, true, true, true, false, false]);
        stages.Single(s => s.Current).Kind.ShouldBe(PlanStage.TechnicalReview);
        stages[1].When.ShouldBe("date not recorded"); // drafting: passed, no date
        stages[4].When.ShouldBe("1 September 2026");
        stages[5].When.ShouldBe("not yet");
    }

    [Fact]
    public void A_plan_with_no_stage_reached_has_no_current_stage()
    {
        var stages = NationalPlan.Stages(null, null, [], Today);

        stages.ShouldAllBe(s => !s.Reached && !s.Current);
    }

    [Fact]
    public void Registration_as_a_plan_dates_the_approval_when_no_approval_is_recorded()
    {
        var stages = NationalPlan.Stages(null, null, [new StandardTimeline.Stored(StandardEventKind.RegisteredAsPlan, new DateOnly(2024, 2, 2), null)], Today);

        stages[0].On.ShouldBe(new DateOnly(2024, 2, 2));
        stages[0].Current.ShouldBeTrue();
    }

    [Theory]
    [InlineData("2026-05-31", null, true)]
    [InlineData("2026-05-31", "2026-05-01", false)]
    [InlineData("2026-05-31", "2026-07-01", true)] // to be published after today: not yet
    [InlineData("2026-06-01", null, false)] // the deadline is today: not passed
    [InlineData(null, null, false)]
    public void A_plan_is_overdue_when_its_deadline_has_passed_without_publication(string? deadline, string? published, bool overdue) =>
        NationalPlan.IsOverdue(deadline is null ? null : DateOnly.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture),
            published is null ? null : DateOnly.Parse(published, System.Globalization.CultureInfo.InvariantCulture), Today).ShouldBe(overdue);
}
