using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Serilog;
using Serilog.Formatting.Compact;
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

builder.Services.AddSerilog((services, logger) =>
{
    logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
    if (builder.Configuration.GetValue("Logging:Json", false))
    {
        logger.WriteTo.Console(new CompactJsonFormatter());
    }
    else
    {
        logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}");
    }
});

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
builder.Services.AddScoped<SearchIndexer>();
builder.Services.AddScoped<FacetSlugs>();
builder.Services.AddPortalSearch(builder.Configuration, builder.Environment);
// The finder's filters and counts from memory (about 25 bytes a standard); Finder:InMemoryIndex=false keeps them in SQL.
builder.Services.AddSingleton(_ => new StandardFinderIndex { Enabled = builder.Configuration.GetValue("Finder:InMemoryIndex", true) });
builder.Services.AddScoped<EditorialRecorder>();
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
builder.Services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database");

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseForwardedHeaders();
app.UseExceptionHandler("/error");
app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseSecurityHeaders();
app.UseSerilogRequestLogging();
app.UseClientAborts();
app.UseScaleOut();
app.UseRouting();
app.UseCors();
app.UseAuthentication();
app.UseRateLimiter();
app.UseOutputCache();
app.UseAuthorization();

app.MapHealthChecks("/health", new HealthCheckOptions
{
    ResponseWriter = async (context, report) =>
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), e.Value.Description }),
        });
    },
});
app.MapRazorPages();
app.MapSearchApi();
app.MapCalendarFeeds();
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
