namespace SesecPortal.Application.Domain;

/// <summary>Who did what to which item or account, and when. Written in the same transaction as the change.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    /// <summary>A verb: created, saved, submitted, approved, sent back, published, unpublished, scheduled...</summary>
    public required string Action { get; set; }
    public ItemKind ItemKind { get; set; }
    public int? ItemId { get; set; }
    public string? ItemTitle { get; set; }
    public string? Detail { get; set; }
    /// <summary>The account an account action is about (sign-up, roles, deletion), so its name can be erased with it.</summary>
    public string? SubjectUserId { get; set; }
}
