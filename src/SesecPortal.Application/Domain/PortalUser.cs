using Microsoft.AspNetCore.Identity;

namespace SesecPortal.Application.Domain;

/// <summary>An account: an admin, an editor, or a member (a signed-in reader such as a company or an analyst).</summary>
public sealed class PortalUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Editor = "Editor";
    public const string Member = "Member";

    public static readonly IReadOnlyList<string> All = [Admin, Editor, Member];
}
