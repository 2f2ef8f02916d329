namespace SesecPortal.Application.Common;

/// <summary>Who is acting: the signed-in user on the web, the operator on the command line. Never taken from a bound command.</summary>
public interface ICurrentUser
{
    string? UserId { get; }

    bool IsInRole(string role);
}
