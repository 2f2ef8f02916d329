namespace SesecPortal.Application.Domain;

/// <summary>A signed-in member's watchlist: what they follow, when they last looked, and their private feed's token.</summary>
public sealed class Watchlist
{
    /// <summary>The most things one watchlist follows.</summary>
    public const int MaxItems = 200;

    public int Id { get; set; }
    public required string UserId { get; set; }
    /// <summary>When the member last opened "My watchlist": what changed after it is new to them.</summary>
    public DateTimeOffset? LastVisitAt { get; set; }
    /// <summary>SHA-256 (hex) of the private feed's secret token; null when there is none (never made, or revoked).</summary>
    public string? FeedTokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>How often the member is sent what changed (weekly unless they choose).</summary>
    public AlertFrequency Alerts { get; set; } = AlertFrequency.Weekly;
    /// <summary>The end of the period the last alert covered (whether or not a mail was sent): the next one starts there.</summary>
    public DateTimeOffset? AlertsCoveredUntil { get; set; }
    public List<WatchItem> Items { get; set; } = [];
}

public enum WatchKind
{
    Sector,
    Standard,
    Organisation,
    Search,
}

/// <summary>One thing a member follows: a sector, a standard, an organisation (by id) or a saved search (by its query).</summary>
public sealed class WatchItem
{
    public int Id { get; set; }
    public int WatchlistId { get; set; }
    public WatchKind Kind { get; set; }
    /// <summary>The sector, standard or organisation; null for a saved search.</summary>
    public int? ItemId { get; set; }
    /// <summary>A saved search's query text; empty for the other kinds.</summary>
    public string Query { get; set; } = "";
    /// <summary>A saved search's filters in a canonical form (<c>kind=standard&amp;sector=ict</c>); empty for none and for the other kinds.</summary>
    public string Filters { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
