using Microsoft.AspNetCore.Identity;

namespace SesecPortal.Application.Data;

/// <summary>An account: an admin, an editor, or a member (a signed-in reader such as a company or an analyst).
/// It is an ASP.NET Core Identity row, so it lives with the data, not in the domain; the domain knows accounts by their id and <see cref="Domain.Roles"/>.</summary>
public sealed class PortalUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
