using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Watchlists;

namespace SesecPortal.UnitTests.Watchlists;

/// <summary>The period boundaries of watchlist alerts: from the clock alone, the same on every instance.</summary>
public sealed class AlertScheduleTests
{
    private static readonly AlertOptions Options = new() { SendAtUtc = TimeSpan.FromHours(7), WeeklyOn = DayOfWeek.Monday };

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-12-09T06:59:59Z", "2026-12-08T07:00:00Z")]
    [InlineData("2026-12-09T07:00:00Z", "2026-12-09T07:00:00Z")]
    [InlineData("2026-12-09T23:30:00+08:00", "2026-12-09T07:00:00Z")]
    public void A_daily_period_ends_at_the_sending_time_of_each_day(string now, string boundary) =>
        AlertSchedule.LatestBoundary(AlertFrequency.Daily, At(now), Options).ShouldBe(At(boundary));

    [Theory]
    [InlineData("2026-12-07T06:59:59Z", "2026-11-30T07:00:00Z")]
    [InlineData("2026-12-07T07:00:00Z", "2026-12-07T07:00:00Z")]
    [InlineData("2026-12-13T23:59:59Z", "2026-12-07T07:00:00Z")]
    public void A_weekly_period_ends_on_monday_at_the_sending_time(string now, string boundary) =>
        AlertSchedule.LatestBoundary(AlertFrequency.Weekly, At(now), Options).ShouldBe(At(boundary));

    [Fact]
    public void An_alert_is_due_once_a_boundary_has_passed_since_what_the_last_one_covered()
    {
        var covered = At("2026-12-09T07:00:05Z");

        AlertSchedule.IsDue(AlertFrequency.Daily, covered, At("2026-12-01T00:00:00Z"), At("2026-12-10T06:59:00Z"), Options).ShouldBeFalse();
        AlertSchedule.IsDue(AlertFrequency.Daily, covered, At("2026-12-01T00:00:00Z"), At("2026-12-10T07:00:00Z"), Options).ShouldBeTrue();
    }

    [Fact]
    public void A_new_watchlist_counts_from_when_it_was_made()
    {
        var created = At("2026-12-09T08:00:00Z");

        AlertSchedule.IsDue(AlertFrequency.Daily, null, created, At("2026-12-09T20:00:00Z"), Options).ShouldBeFalse();
        AlertSchedule.IsDue(AlertFrequency.Daily, null, created, At("2026-12-10T07:00:00Z"), Options).ShouldBeTrue();
    }

    [Fact]
    public void Alerts_that_are_off_are_never_due() =>
        AlertSchedule.IsDue(AlertFrequency.Off, null, At("2020-01-01T00:00:00Z"), At("2026-12-10T07:00:00Z"), Options).ShouldBeFalse();

    [Fact]
    public void Immediate_alerts_are_due_whenever_time_has_passed() =>
        AlertSchedule.IsDue(AlertFrequency.Immediately, At("2026-12-10T07:00:00Z"), At("2020-01-01T00:00:00Z"), At("2026-12-10T07:00:01Z"), Options).ShouldBeTrue();
}
