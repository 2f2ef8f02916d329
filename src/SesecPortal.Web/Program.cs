using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Serilog;
using SesecPortal.Application.Common;
using SesecPortal.Application.Common.Behaviors;
using SesecPortal.Application.Data;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Home;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Application.Seed;
using SesecPortal.Web.Endpoints;
using SesecPortal.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

// Console (and, with Logging:File:Path, rolled files); one line per request at a level that fits (PortalLogging).
builder.Services.AddSerilog((services, logger) => PortalLogging.Configure(logger, builder.Configuration, services));
builder.Services.AddSingleton<RequestLogLevels>();
// Kestrel answers a request line over its limit with an empty 414; above the portal's own limit, so the portal answers with a page.
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestLineSize = PortalErrors.KestrelRequestLineLimit);

var database = await DatabaseSetup.ResolveAsync(builder.Configuration, builder.Environment);
if (database is null)
{
    return 1;
}

await using var localCluster = database.Value.Cluster;
var connectionString = PortalDbContext.Tuned(database.Value.ConnectionString);

builder.Services.AddDbContextPool<PortalDbContext>(options => PortalDbContext.Configure(options, connectionString));
// More than one instance: cache eviction through LISTEN/NOTIFY, queries on a standby (ConnectionStrings:PortalRead), compression.
builder.Services.AddScaleOut(builder.Configuration, connectionString);
// Errors as pages and problem details; a database outage as 503 + Retry-After, logged once (DatabaseOutage).
builder.Services.AddPortalErrors();
builder.Services.AddMediator((MediatorOptions options) =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.Assemblies = [typeof(GetHome)];
    options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(ReadRouting<,>), typeof(TransactionBehavior<,>)];
});
builder.Services.AddValidatorsFromAssemblyContaining<GetHome.Query>(includeInternalTypes: true);
builder.Services.AddSingleton<MarkdownRenderer>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<SeedLoader>();
builder.Services.AddScoped<FacetSlugs>();
builder.Services.AddPortalSearch(builder.Configuration, builder.Environment);
builder.Services.AddScoped<EditorialRecorder>();
builder.Services.AddScoped<ReferenceSave>();
builder.Services.AddSingleton<IPortalAddresses, PortalAddresses>();
builder.Services.AddScoped<ReferenceResolver>();
builder.Services.AddScoped<ArticlePublisher>();
builder.Services.AddHostedService<ScheduledPublishing>();

builder.Services.AddPortalAccounts(builder.Configuration);
builder.Services.AddPortalMail(builder.Configuration);
builder.Services.AddOpenData(builder.Configuration);
// Keys in PostgreSQL: every instance of the portal reads the same keys, so a cookie or form from one is valid on all.
builder.Services.AddDataProtection().SetApplicationName("SesecPortal").PersistKeysToDbContext<PortalDbContext>();
builder.Services.AddRazorPages(options =>
{
    options.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
    options.Conventions.ConfigureFilter(new ExpiredFormFilter());
    // The error page answers whatever was refused (a PUT's 405, a form's 503) and changes nothing: no token to check.
    options.Conventions.AddPageApplicationModelConvention("/Error",
        page => page.Filters.Remove(page.Filters.Single(f => f is Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute)));
    options.Conventions.AuthorizeFolder("/Editor", Accounts.EditorPolicy);
    options.Conventions.AuthorizeFolder("/Admin", Accounts.AdminPolicy);
    options.Conventions.AuthorizeFolder("/Account/Manage");
});
// Behind a load balancer (docker-compose.yml: nginx): the client's address and scheme come from X-Forwarded-For and
// X-Forwarded-Proto, so rate limits count per client, not per proxy. Only from loopback and the networks named in
// ForwardedHeaders:KnownNetworks (CIDR, comma-separated); anyone else's headers are ignored.
builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    foreach (var network in (builder.Configuration["ForwardedHeaders:KnownNetworks"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
    {
        options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: “{network}” is not a network in CIDR form (10.0.0.0/8)."));
    }
});
builder.Services.AddOutputCache(options =>
{
    // The most-read pages, not every page ever asked for: the default (100 MB) was a third of the portal's memory under
    // a crawl of the finder's filter combinations. Entries past the limit are not cached; expired ones make room.
    options.SizeLimit = builder.Configuration.GetValue("OutputCache:SizeLimitMB", 32L) * 1024 * 1024;
    options.AddPolicy(CachePolicies.PublicPage, policy => policy.Expire(TimeSpan.FromMinutes(10)).Tag(CachePolicies.PublicTag));
});
// While the database does not answer, a public page the cache has let go is served from its last good copy.
LastGoodCopies.Decorate(builder.Services, builder.Configuration);
// /health: liveness; /health/ready: readiness (the database answers).
builder.Services.AddPortalHealthChecks();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseForwardedHeaders();
app.UsePortalRequestLogging();
app.UsePortalErrors();
app.UseSecurityHeaders();
app.UseClientAborts();
app.UseScaleOut();
app.UseRouting();
app.UseCors();
app.UseAuthentication();
app.UseRateLimiter();
app.UseLastGoodCopies();
app.UseOutputCache();
app.UseAuthorization();

app.MapPortalHealth();
app.MapRazorPages();
app.MapSearchApi();
app.MapCalendarFeeds();
app.MapDigestDownload();
app.MapSitemaps();
app.MapOpenData();

if (app.Configuration.GetValue("Database:InitialiseOnStartup", true))
{
    await DatabaseSetup.InitialiseAsync(app.Services, app.Lifetime.ApplicationStopping);
}

if (AdminCommand.Matches(args))
{
    return await AdminCommand.RunAsync(app.Services, args);
}

if (OpenDataCommands.Matches(args))
{
    return await OpenDataCommands.RunAsync(app.Services, args);
}

if (app.Configuration.GetValue("Database:InitialiseOnStartup", true))
{
    await Accounts.EnsureFirstAdminAsync(app.Services, app.Configuration, app.Environment, app.Logger, app.Lifetime.ApplicationStopping);
}

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : "(the configured address)";
    app.Logger.LogInformation("SesecPortal is serving on {Addresses}", addresses);
});

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
