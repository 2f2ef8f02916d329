namespace SesecPortal.Application.Domain;

/// <summary>The kinds of item /search finds.</summary>
public enum SearchKind
{
    Article,
    Policy,
    Standard,
    WorkingGroup,
    Organisation,
}
