using SesecPortal.Application.Domain;

namespace SesecPortal.UnitTests.Domain;

/// <summary>A standard's dated life, its status on a given day, and how an adoption is written.</summary>
public sealed class StandardTimelineTests
{
    private static readonly DateOnly Drafted = new(2020, 6, 1);
    private static readonly DateOnly Deadline = new(2020, 8, 1);
    private static readonly DateOnly Published = new(2021, 3, 1);
    private static readonly DateOnly Effective = new(2021, 10, 1);
    private static readonly DateOnly Amended = new(2022, 5, 10);
    private static readonly DateOnly ReplacementInForce = new(2024, 7, 1);

    private static StandardTimeline.Facts Facts(
        StandardTimeline.Replacement? replacedBy = null, DateOnly? withdrawn = null, IReadOnlyList<StandardTimeline.Stored>? events = null) =>
        new("GB/T 12345-2021", "20190805-T-469", Drafted, Deadline, Published, Effective, withdrawn, replacedBy, events ?? []);

    private static readonly StandardTimeline.Replacement Successor = new("gb-t-12345-2024", "GB/T 12345-2024", new DateOnly(2024, 1, 15), ReplacementInForce);

    [Fact]
    public void Lists_the_events_its_dates_imply_in_the_order_of_a_standards_life()
    {
        var timeline = StandardTimeline.For(Facts(Successor, events: [new(StandardEventKind.Amended, Amended, "Amendment 1")]), new DateOnly(2023, 1, 1));

        timeline.Select(e => e.Kind).ShouldBe([
            StandardEventKind.RegisteredAsPlan, StandardEventKind.DraftForComments, StandardEventKind.CommentsClose, StandardEventKind.Published,
            StandardEventKind.InForce, StandardEventKind.Amended, StandardEventKind.Superseded]);
        timeline[0].Label.ShouldBe("Registered as plan number 20190805-T-469");
        timeline[0].When.ShouldBe("2019");
        timeline[5].Note.ShouldBe("Amendment 1");
        timeline[6].Label.ShouldBe("Superseded by GB/T 12345-2024");
        timeline[6].LinkSlug.ShouldBe("gb-t-12345-2024");
        timeline[6].When.ShouldBe("1 July 2024");
    }

    [Theory]
    [InlineData("2020-05-31", 1)] // only the plan's year has come
    [InlineData("2020-06-01", 2)] // the draft is out on its day
    [InlineData("2020-08-01", 3)]
    [InlineData("2021-02-28", 3)]
    [InlineData("2021-03-01", 4)]
    [InlineData("2021-10-01", 5)]
    [InlineData("2022-05-10", 6)]
    [InlineData("2024-06-30", 6)]
    [InlineData("2024-07-01", 7)]
    public void Marks_what_has_happened_by_the_given_day(string today, int happened)
    {
        var timeline = StandardTimeline.For(Facts(Successor, events: [new(StandardEventKind.Amended, Amended, null)]), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        timeline.Count(e => e.HasHappened).ShouldBe(happened);
        timeline.TakeWhile(e => e.HasHappened).Count().ShouldBe(happened, "past events come first");
    }

    [Fact]
    public void A_plan_number_gives_only_its_year_because_the_rest_is_a_serial_number()
    {
        StandardTimeline.PlanNumber("20192139-T-469").ShouldNotBeNull().Registered.ShouldBe(new PartialDate(new DateOnly(2019, 1, 1), DatePrecision.Year));
        StandardTimeline.PlanNumber("20190805T469").ShouldNotBeNull().Number.ShouldBe("20190805-T-469");
        StandardTimeline.PlanNumber("GB/T 50378-2019").ShouldBeNull();
    }

    [Fact]
    public void A_plan_record_starts_with_its_own_registration()
    {
        var timeline = StandardTimeline.For(new("20190805-T-469", null, null, null, null, null, null, null, []), new DateOnly(2022, 1, 1));

        timeline.ShouldHaveSingleItem().Label.ShouldBe("Registered as plan number 20190805-T-469");
    }

    [Fact]
    public void A_stored_event_of_the_same_kind_replaces_the_derived_one()
    {
        var registered = new DateOnly(2019, 8, 5);
        var timeline = StandardTimeline.For(Facts(events: [new(StandardEventKind.RegisteredAsPlan, registered, "Plan approved"), new(StandardEventKind.Published, Published, "Announcement 2021 No. 3")]), new DateOnly(2023, 1, 1));

        var plan = timeline.Single(e => e.Kind == StandardEventKind.RegisteredAsPlan);
        plan.When.ShouldBe("5 August 2019");
        plan.Note.ShouldBe("Plan approved");
        timeline.Single(e => e.Kind == StandardEventKind.Published).Note.ShouldBe("Announcement 2021 No. 3");
    }

    [Fact]
    public void A_replacement_without_dates_is_listed_last_with_no_date()
    {
        var timeline = StandardTimeline.For(Facts(new StandardTimeline.Replacement("x", "GB/T 1-2030", null, null)), new DateOnly(2023, 1, 1));

        timeline[^1].Kind.ShouldBe(StandardEventKind.Superseded);
        timeline[^1].When.ShouldBe("Date not known");
        timeline[^1].HasHappened.ShouldBeFalse();
    }

    [Fact]
    public void Withdrawal_is_dated_and_future_until_its_day()
    {
        var withdrawn = new DateOnly(2025, 1, 1);

        StandardTimeline.For(Facts(withdrawn: withdrawn), new DateOnly(2024, 12, 31))[^1].ShouldSatisfyAllConditions(
            e => e.Kind.ShouldBe(StandardEventKind.Withdrawn), e => e.HasHappened.ShouldBeFalse());
        StandardTimeline.For(Facts(withdrawn: withdrawn), withdrawn)[^1].HasHappened.ShouldBeTrue();
    }

    [Theory]
    [InlineData("2021-02-28", StandardStatus.Published, "Published, in force from 1 October 2021, superseded by GB/T 12345-2024 from 1 July 2024")]
    [InlineData("2021-10-01", StandardStatus.InForce, "In force, superseded by GB/T 12345-2024 from 1 July 2024")]
    [InlineData("2024-06-30", StandardStatus.InForce, "In force, superseded by GB/T 12345-2024 from 1 July 2024")]
    [InlineData("2024-07-01", StandardStatus.Superseded, "Superseded")]
    public void A_superseded_standard_stays_in_force_until_its_replacement_takes_over(string today, StandardStatus status, string described)
    {
        var day = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture);

        StandardLifecycle.CurrentStatus(StandardStatus.Superseded, Effective, null, ReplacementInForce, day).ShouldBe(status);
        StandardLifecycle.Describe(StandardStatus.Superseded, Effective, null, ReplacementInForce, "GB/T 12345-2024", day).ShouldBe(described);
    }

    [Fact]
    public void A_standard_stored_as_in_force_is_superseded_once_its_replacement_takes_over()
    {
        StandardLifecycle.CurrentStatus(StandardStatus.InForce, Effective, null, ReplacementInForce, ReplacementInForce).ShouldBe(StandardStatus.Superseded);
    }

    [Theory]
    [InlineData("2024-12-31", StandardStatus.InForce, "In force, withdrawn from 1 January 2025")]
    [InlineData("2025-01-01", StandardStatus.Withdrawn, "Withdrawn")]
    public void A_withdrawal_counts_from_its_day(string today, StandardStatus status, string described)
    {
        var day = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture);
        var withdrawn = new DateOnly(2025, 1, 1);

        StandardLifecycle.CurrentStatus(StandardStatus.Withdrawn, Effective, withdrawn, day).ShouldBe(status);
        StandardLifecycle.Describe(StandardStatus.Withdrawn, Effective, withdrawn, day).ShouldBe(described);
        StandardLifecycle.CurrentStatus(StandardStatus.InForce, Effective, withdrawn, day).ShouldBe(status);
    }

    [Theory]
    [InlineData("2021-09-30", StandardStatus.Published)]
    [InlineData("2021-10-01", StandardStatus.InForce)]
    public void Without_a_replacement_or_withdrawal_the_effective_date_decides(string today, StandardStatus status)
    {
        var day = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture);

        StandardLifecycle.CurrentStatus(StandardStatus.Published, Effective, null, null, day).ShouldBe(status);
        StandardLifecycle.CurrentStatus(StandardStatus.InForce, Effective, null, null, day).ShouldBe(status);
    }

    [Theory]
    [InlineData("GB/T 20000.1-2014", "ISO/IEC Guide 2:2004", AdoptionDegree.Modified, "GB/T 20000.1\u20142014/ISO/IEC Guide 2:2004, modified (MOD)")]
    [InlineData("GB/T 19001—2016", "ISO 9001:2015", AdoptionDegree.Identical, "GB/T 19001\u20142016/ISO 9001:2015, identical (IDT)")]
    [InlineData("GB 4943.1-2022", "IEC 62368-1:2018", AdoptionDegree.NotEquivalent, "GB 4943.1\u20142022/IEC 62368-1:2018, not equivalent (NEQ)")]
    public void An_adoption_is_written_national_code_slash_international_code_with_its_degree(string code, string adopted, AdoptionDegree degree, string expected)
    {
        Adoption.Describe(code, adopted, degree).ShouldBe(expected);
    }

    [Fact]
    public void A_standard_that_adopts_nothing_has_no_adoption()
    {
        Adoption.Describe("GB/T 1-2020", null, null).ShouldBeNull();
        Adoption.Describe("GB/T 1-2020", "ISO 1:2016", null).ShouldBe("GB/T 1\u20142020/ISO 1:2016");
    }

    [Theory]
    [InlineData(RelationType.Implements, RelationDirection.Outgoing, ItemKind.Standard, "This standard implements")]
    [InlineData(RelationType.Implements, RelationDirection.Incoming, ItemKind.Policy, "Implemented by")]
    [InlineData(RelationType.Mandates, RelationDirection.Incoming, ItemKind.Standard, "Mandated by")]
    [InlineData(RelationType.References, RelationDirection.Incoming, ItemKind.Standard, "Referenced by")]
    [InlineData(RelationType.IssuedBy, RelationDirection.Incoming, ItemKind.Organisation, "Issued")]
    [InlineData(RelationType.DraftedBy, RelationDirection.Incoming, ItemKind.WorkingGroup, "Standards drafted by this working group")]
    [InlineData(RelationType.Leads, RelationDirection.Incoming, ItemKind.WorkingGroup, "Led by")]
    [InlineData(RelationType.MemberOf, RelationDirection.Incoming, ItemKind.WorkingGroup, "Members")]
    public void A_relation_reads_in_the_words_of_the_end_it_is_seen_from(RelationType type, RelationDirection direction, ItemKind from, string label)
    {
        RelationLabels.Of(type, direction, from).ShouldBe(label);
    }
}
