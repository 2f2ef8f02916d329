namespace SesecPortal.Application.Domain;

/// <summary>Which end of a relation an item is on: the subject ("implements") or the object ("implemented by").</summary>
public enum RelationDirection
{
    Outgoing,
    Incoming,
}

/// <summary>The words for a relation read from either end, on the page of the item at that end.</summary>
public static class RelationLabels
{
    public static string Of(RelationType type, RelationDirection direction, ItemKind viewedFrom) => (type, direction) switch
    {
        (RelationType.Implements, RelationDirection.Outgoing) => $"This {Noun(viewedFrom)} implements",
        (RelationType.Implements, _) => "Implemented by",
        (RelationType.Mandates, RelationDirection.Outgoing) => $"This {Noun(viewedFrom)} mandates",
        (RelationType.Mandates, _) => "Mandated by",
        (RelationType.References, RelationDirection.Outgoing) => $"This {Noun(viewedFrom)} references",
        (RelationType.References, _) => "Referenced by",
        (RelationType.IssuedBy, RelationDirection.Outgoing) => "Issued by",
        (RelationType.IssuedBy, _) => "Issued",
        (RelationType.DraftedBy, RelationDirection.Outgoing) => "Drafted by",
        (RelationType.DraftedBy, _) => viewedFrom == ItemKind.WorkingGroup ? "Standards drafted by this working group" : "Drafted",
        (RelationType.Leads, RelationDirection.Outgoing) => "Leads",
        (RelationType.Leads, _) => "Led by",
        (RelationType.MemberOf, RelationDirection.Outgoing) => "Member of",
        (RelationType.MemberOf, _) => "Members",
        _ => type.ToString(),
    };

    /// <summary>The short form editors pick from ("Implements" / "Implemented by"): the same words, without the page's noun.</summary>
    public static string Brief(RelationType type, RelationDirection direction) => (type, direction) switch
    {
        (RelationType.Implements, RelationDirection.Outgoing) => "Implements",
        (RelationType.Mandates, RelationDirection.Outgoing) => "Mandates",
        (RelationType.References, RelationDirection.Outgoing) => "References",
        (RelationType.DraftedBy, RelationDirection.Incoming) => "Drafted",
        _ => Of(type, direction, ItemKind.Organisation),
    };

    private static string Noun(ItemKind kind) => kind switch
    {
        ItemKind.WorkingGroup => "working group",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
