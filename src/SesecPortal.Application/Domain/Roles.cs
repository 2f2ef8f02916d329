namespace SesecPortal.Application.Domain;

/// <summary>What an account may do: an admin, an editor, or a member (a signed-in reader).</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Editor = "Editor";
    public const string Member = "Member";

    public static readonly IReadOnlyList<string> All = [Admin, Editor, Member];
}
