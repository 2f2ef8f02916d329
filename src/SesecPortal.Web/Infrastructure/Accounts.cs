using System.Security.Claims;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.RateLimiting;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Accounts;

namespace SesecPortal.Web.Infrastructure;

/// <summary>ASP.NET Core Identity for the portal: accounts, roles, lockout, a rate-limited sign-in, the first admin.</summary>
internal static class Accounts
{
    public const string EditorPolicy = "Editor";
    public const string AdminPolicy = "Admin";
    public const string SignInRateLimit = "sign-in";

    public static IServiceCollection AddPortalAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        AddIdentity(services, configuration);
        ConfigureCookie(services);
        services.AddAuthorizationBuilder()
            .AddPolicy(EditorPolicy, p => p.RequireRole(Roles.Editor, Roles.Admin))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));
        AddSignInRateLimit(services, configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddSingleton<BotTrap>();
        return services;
    }

    /// <summary>Identity over the portal's database: password and lockout rules, and how long each kind of link lasts.</summary>
    private static void AddIdentity(IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentity<PortalUser, IdentityRole>(o =>
            {
                // Length over composition (NIST SP 800-63B), with enough variety to refuse "aaaaaaaaaaaa".
                o.Password.RequiredLength = 12;
                o.Password.RequiredUniqueChars = 6;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                // An account signs in only once its address is confirmed (sign-up, invitation, reset or change of address).
                o.SignIn.RequireConfirmedEmail = true;
                o.Tokens.ChangeEmailTokenProvider = AccountTokens.SignUpProvider;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SignUpTokenProvider>(AccountTokens.SignUpProvider)
            .AddTokenProvider<InvitationTokenProvider>(AccountTokens.InvitationProvider);
        // Password reset links: two hours.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));
        services.Configure<SignUpTokenProviderOptions>(o =>
        {
            o.Name = AccountTokens.SignUpProvider;
            o.TokenLifespan = TimeSpan.FromHours(configuration.GetValue("Accounts:SignUpLinkHours", AccountTokens.SignUpLifespan.TotalHours));
        });
        services.Configure<InvitationTokenProviderOptions>(o =>
        {
            o.Name = AccountTokens.InvitationProvider;
            o.TokenLifespan = TimeSpan.FromDays(configuration.GetValue("Accounts:InvitationLinkDays", AccountTokens.InvitationLifespan.TotalDays));
        });
    }

    /// <summary>The sign-in cookie: eight hours, sliding; a user without the role is answered 403, not redirected.</summary>
    private static void ConfigureCookie(IServiceCollection services)
    {
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "sesec.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // A signed-in user without the role gets a plain 403 (and the error page), not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>Sign-in attempts per address and minute; a refusal says when to try again.</summary>
    private static void AddSignInRateLimit(IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("RateLimiting:SignInPerMinute", 20);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, context => WindowRateLimiter.Partition(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown", permits, TimeSpan.FromMinutes(1), context.RequestServices.GetRequiredService<TimeProvider>()));
            // Retry-After is what is left of the window. The body is the error page (status code pages), with this sentence.
            o.OnRejected = (context, _) =>
            {
                var retryAfter = WindowRateLimiter.RetryAfterSeconds(context.Lease, TimeSpan.FromMinutes(1));
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.HttpContext.Items[PortalErrors.RateLimitMessageItem] =
                    $"Too many sign-in attempts from this address. Try again in {retryAfter} second{(retryAfter == 1 ? "" : "s")}.";
                return ValueTask.CompletedTask;
            };
        });
    }

    /// <summary>
    /// The first admin: from configuration (<c>Admin:Email</c>, <c>Admin:Password</c>) when given; in development, when
    /// there is no admin yet, one with a generated password that is printed once.
    /// </summary>
    public static async Task EnsureFirstAdminAsync(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment, ILogger logger, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }

        var email = configuration["Admin:Email"];
        var password = configuration["Admin:Password"];
        if (string.IsNullOrWhiteSpace(email))
        {
            if (!environment.IsDevelopment())
            {
                logger.LogWarning("There is no admin account. Create one: dotnet run --project src/SesecPortal.Web -- create-admin --email you@example.com");
                return;
            }

            email = "admin@sesecportal.local";
        }

        var generated = string.IsNullOrWhiteSpace(password);
        password = generated ? GeneratePassword() : password!;
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        await sender.Send(new CreateUser.Command(email, "Administrator", password, [Roles.Admin]), ct);
        if (generated)
        {
            // Printed once: the password is not stored anywhere else.
            Console.WriteLine($"Created the first admin account: {email} with password {password} (shown only this once; change it after signing in).");
        }

        logger.LogInformation("Created the first admin account {Email}", email);
    }

    public static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 18);
        // Guarantee each required class is present.
        chars[0] = RandomNumberGenerator.GetItems<char>("ABCDEFGHJKLMNPQRSTUVWXYZ", 1)[0];
        chars[1] = RandomNumberGenerator.GetItems<char>("abcdefghijkmnopqrstuvwxyz", 1)[0];
        chars[2] = RandomNumberGenerator.GetItems<char>("23456789", 1)[0];
        return new string(chars);
    }

    /// <summary>Sign-up and change-of-address links: Identity's signed tokens with their own lifetime (24 hours).</summary>
    private sealed class SignUpTokenProvider(IDataProtectionProvider protection, IOptions<SignUpTokenProviderOptions> options, ILogger<DataProtectorTokenProvider<PortalUser>> logger)
        : DataProtectorTokenProvider<PortalUser>(protection, options, logger);

    private sealed class SignUpTokenProviderOptions : DataProtectionTokenProviderOptions;

    /// <summary>Invitation links (7 days).</summary>
    private sealed class InvitationTokenProvider(IDataProtectionProvider protection, IOptions<InvitationTokenProviderOptions> options, ILogger<DataProtectorTokenProvider<PortalUser>> logger)
        : DataProtectorTokenProvider<PortalUser>(protection, options, logger);

    private sealed class InvitationTokenProviderOptions : DataProtectionTokenProviderOptions;

    private sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
    {
        public string? UserId => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

        public string Name => accessor.HttpContext?.User.Identity?.Name ?? "system";

        public bool IsInRole(string role) => accessor.HttpContext?.User.IsInRole(role) == true;
    }
}
