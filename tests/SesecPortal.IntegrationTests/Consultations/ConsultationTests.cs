using System.Net;
using Ical.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SesecPortal.Application.Features.Consultations;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests.Consultations;

/// <summary>Consultations and deadlines on a date the test chooses (TimeProvider), and the iCalendar feed read by Ical.Net.</summary>
public sealed class ConsultationTests(IntegrationFixture fixture) : PortalTest(fixture)
{
    private const string Guideline = "/standards/information-security-technology-guideline-for-identification-of-critical-data";

    private static FakeTimeProvider On(int year, int month, int day) => new(new DateTimeOffset(year, month, day, 9, 0, 0, TimeSpan.Zero));

    private async Task<GetConsultations.Result?> ConsultationsOn(FakeTimeProvider clock, string? sector = null)
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await new GetConsultations.Handler(db, clock, new SesecPortal.Web.Infrastructure.PortalAddresses()).Handle(new GetConsultations.Query(sector), Ct);
    }

    [Fact]
    public async Task Before_the_deadline_the_draft_is_open_and_the_standard_is_coming_into_force()
    {
        var result = (await ConsultationsOn(On(2022, 2, 1))).ShouldNotBeNull();

        var open = result.Open.ShouldHaveSingleItem();
        open.Url.ShouldBe(Guideline);
        open.Date.ShouldBe(new DateOnly(2022, 3, 13));
        open.DaysFromToday.ShouldBe(40);
        result.ComingIntoForce.ShouldHaveSingleItem().Code.ShouldBe("GB 55015-2021");
        result.Archive.ShouldBeEmpty();
    }

    [Fact]
    public async Task After_the_deadline_the_consultation_is_in_the_archive()
    {
        var result = (await ConsultationsOn(On(2022, 3, 14))).ShouldNotBeNull();

        result.Open.ShouldBeEmpty();
        result.Archive.ShouldHaveSingleItem().Url.ShouldBe(Guideline);
    }

    [Fact]
    public async Task On_the_deadline_day_the_draft_is_still_open()
    {
        var result = (await ConsultationsOn(On(2022, 3, 13))).ShouldNotBeNull();

        result.Open.ShouldHaveSingleItem().DaysFromToday.ShouldBe(0);
    }

    [Fact]
    public async Task A_sector_shows_only_its_own_dates()
    {
        var cyber = (await ConsultationsOn(On(2022, 2, 1), "cybersecurity")).ShouldNotBeNull();
        var carbon = (await ConsultationsOn(On(2022, 2, 1), "carbon")).ShouldNotBeNull();

        cyber.Open.ShouldHaveSingleItem();
        cyber.ComingIntoForce.ShouldBeEmpty();
        carbon.Open.ShouldBeEmpty();
        carbon.ComingIntoForce.ShouldHaveSingleItem();
        (await ConsultationsOn(On(2022, 2, 1), "atlantis")).ShouldBeNull();
    }

    [Fact]
    public async Task The_calendar_feed_is_valid_icalendar_with_all_day_dates()
    {
        await using var db = Fixture.Database.CreateDbContext();
        var ics = await new GetConsultationCalendar.Handler(db, On(2022, 2, 1), new SesecPortal.Web.Infrastructure.PortalAddresses()).Handle(new GetConsultationCalendar.Query(null, "http://127.0.0.1:5080"), Ct);

        var calendar = Calendar.Load(ics!)!;
        calendar.Events.Count.ShouldBe(2);
        var deadline = calendar.Events.Single(e => e.Summary!.StartsWith("Comments due", StringComparison.Ordinal));
        deadline.DtStart!.HasTime.ShouldBeFalse();
        deadline.DtStart.Year.ShouldBe(2022);
        deadline.DtStart.Month.ShouldBe(3);
        deadline.DtStart.Day.ShouldBe(13);
        deadline.Url!.ToString().ShouldBe("http://127.0.0.1:5080" + Guideline);
        var inForce = calendar.Events.Single(e => e.Summary!.StartsWith("In force", StringComparison.Ordinal));
        inForce.Summary!.ShouldContain("GB 55015-2021");
        (inForce.DtStart!.Month, inForce.DtStart.Day).ShouldBe((4, 1));
        inForce.Uid.ShouldBe("in-force-standards-gb-55015-2021@sesecportal");
    }

    [Fact]
    public async Task The_calendar_feed_is_served_whole_and_per_sector()
    {
        using var client = Fixture.CreateClient();

        var whole = await client.GetAsync(new Uri("/consultations.ics", UriKind.Relative), Ct);
        var carbon = await client.GetStringAsync(new Uri("/consultations.ics?sector=carbon", UriKind.Relative), Ct);
        var unknown = await client.GetAsync(new Uri("/consultations.ics?sector=atlantis", UriKind.Relative), Ct);

        whole.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        Calendar.Load(await whole.Content.ReadAsStringAsync(Ct))!.Events.Count.ShouldBe(2);
        Calendar.Load(carbon)!.Events.ShouldHaveSingleItem().Summary.ShouldStartWith("In force: GB 55015-2021");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_page_counts_the_days_left_on_the_date_it_is_given()
    {
        await using var factory = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true, services: s => s.AddSingleton<TimeProvider>(On(2022, 2, 1)));
        using var client = new HttpClient { BaseAddress = factory.ServerAddress };

        var html = await client.GetStringAsync(new Uri("/consultations", UriKind.Relative), Ct);
        var unknown = await client.GetAsync(new Uri("/consultations?sector=atlantis", UriKind.Relative), Ct);

        html.ShouldContain("in 40 days");
        html.ShouldContain("guideline for identification of critical data");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Past_consultations_read_as_dates_and_kinds_as_words()
    {
        // Years after the seed's consultations closed.
        await using var factory = new PortalFactory(Fixture.Database.ConnectionString, kestrel: true, services: s => s.AddSingleton<TimeProvider>(On(2026, 12, 2)));
        using var client = new HttpClient { BaseAddress = factory.ServerAddress };

        var html = await client.GetStringAsync(new Uri("/consultations", UriKind.Relative), Ct);

        html.ShouldContain("Closed on <time");
        html.ShouldNotContain("days ago");
        html.ShouldNotMatch(@"\b(WorkingGroup|DraftForComments|UnderDevelopment|InForce)\b");
    }
}
