using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Watchlists;

/// <summary>When watchlist alerts go out: <c>Alerts:SendAtUtc</c> (07:00) every day, and on Mondays for weekly ones.</summary>
public sealed class AlertOptions
{
    public TimeSpan SendAtUtc { get; set; } = TimeSpan.FromHours(7);
    public DayOfWeek WeeklyOn { get; set; } = DayOfWeek.Monday;
}

/// <summary>
/// The period boundaries of watchlist alerts, from the clock alone, so they are the same on every instance and in tests
/// with a fake clock: a daily alert is due once the day's sending time has passed since the period its last alert
/// covered; a weekly one once the week's; "immediately" whenever the scheduler looks. An alert covers (covered until,
/// now], so consecutive alerts neither overlap nor leave a gap, however late the scheduler runs.
/// </summary>
public static class AlertSchedule
{
    /// <summary>The latest boundary at or before <paramref name="now"/>; null for alerts that are off.</summary>
    public static DateTimeOffset? LatestBoundary(AlertFrequency frequency, DateTimeOffset now, AlertOptions options)
    {
        var utc = now.ToUniversalTime();
        var today = new DateTimeOffset(utc.Date, TimeSpan.Zero) + options.SendAtUtc;
        var daily = today <= utc ? today : today.AddDays(-1);
        return frequency switch
        {
            AlertFrequency.Immediately => utc,
            AlertFrequency.Daily => daily,
            AlertFrequency.Weekly => daily.AddDays(-(((int)daily.DayOfWeek - (int)options.WeeklyOn + 7) % 7)),
            _ => null,
        };
    }

    /// <summary>Whether an alert is due: a boundary has passed since the end of what the last one covered (or since the watchlist was made).</summary>
    public static bool IsDue(AlertFrequency frequency, DateTimeOffset? coveredUntil, DateTimeOffset createdAt, DateTimeOffset now, AlertOptions options) =>
        LatestBoundary(frequency, now, options) is { } boundary && (coveredUntil ?? createdAt) < boundary;

    public static string Describe(AlertFrequency frequency) => frequency switch
    {
        AlertFrequency.Immediately => "as soon as something changes",
        AlertFrequency.Daily => "once a day",
        AlertFrequency.Weekly => "once a week",
        _ => "never",
    };
}
