namespace SesecPortal.Application.Domain;

/// <summary>
/// A dated event in a standard's life that its dates do not already say: an amendment, a correction,
/// a re-confirmation. The timeline merges these with the events its dates imply.
/// </summary>
public sealed class StandardEvent
{
    public int Id { get; set; }
    public int StandardId { get; set; }
    public StandardEventKind Kind { get; set; }
    public DateOnly On { get; set; }
    public string? Note { get; set; }
}

public enum StandardEventKind
{
    RegisteredAsPlan,
    DraftForComments,
    CommentsClose,
    Published,
    InForce,
    Amended,
    Superseded,
    Withdrawn,
}
