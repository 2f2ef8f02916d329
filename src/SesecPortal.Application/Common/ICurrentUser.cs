namespace SesecPortal.Application.Common;

/// <summary>Who is acting: the signed-in user on the web, the operator on the command line. Never taken from a bound command.</summary>
public interface ICurrentUser
{
    string? UserId { get; }

    /// <summary>The name the audit log and the history show: the account's display name or e-mail.</summary>
    string Name { get; }

    bool IsInRole(string role);
}
