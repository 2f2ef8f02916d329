using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Changes;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Data;

/// <summary>The portal's database: content, the search index and ASP.NET Core Identity's accounts.</summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    public DbSet<Sector> Sectors => Set<Sector>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<WorkingGroup> WorkingGroups => Set<WorkingGroup>();
    public DbSet<WorkItem> WorkItems => Set<WorkItem>();
    public DbSet<Standard> Standards => Set<Standard>();
    public DbSet<IcsGroup> IcsGroups => Set<IcsGroup>();
    public DbSet<CcsClass> CcsClasses => Set<CcsClass>();
    public DbSet<Policy> Policies => Set<Policy>();
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<NewsletterIssue> Issues => Set<NewsletterIssue>();
    public DbSet<IssueSection> IssueSections => Set<IssueSection>();
    public DbSet<PolicyTarget> Targets => Set<PolicyTarget>();
    /// <summary>ASP.NET Core Data Protection's keys (cookies, antiforgery), shared by every instance of the portal.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<ContentVersion> ContentVersions => Set<ContentVersion>();
    public DbSet<FormerSlug> FormerSlugs => Set<FormerSlug>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Relation> Relations => Set<Relation>();
    public DbSet<StandardEvent> StandardEvents => Set<StandardEvent>();
    public DbSet<StandardAdoption> StandardAdoptions => Set<StandardAdoption>();
    public DbSet<Watchlist> Watchlists => Set<Watchlist>();
    public DbSet<WatchItem> WatchItems => Set<WatchItem>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<MailBody> MailBodies => Set<MailBody>();
    public DbSet<NewsletterSubscription> NewsletterSubscriptions => Set<NewsletterSubscription>();
    /// <summary>What readers see that changed, in the transactions that changed it (<see cref="ChangeCapture"/>).</summary>
    public DbSet<ChangeLogEntry> ChangeLog => Set<ChangeLogEntry>();
    public DbSet<ChangeFollowerPosition> ChangeFollowers => Set<ChangeFollowerPosition>();

    /// <summary>
    /// The newest transaction in which this context wrote change-log rows (0: none yet): after a command commits, the
    /// pipeline waits until this instance's followers have read past it, so the next request sees the change.
    /// </summary>
    public long LastChangeTransactionId { get; internal set; }

    /// <summary>One for every context: it only keeps per-save state, keyed by the context.</summary>
    private static readonly ChangeCapture Capture = new();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // The three roles are reference data, created by the migrations.
        builder.Entity<IdentityRole>().HasData(Domain.Roles.All.Select(r => new IdentityRole
        {
            Id = r.ToLowerInvariant(), Name = r, NormalizedName = r.ToUpperInvariant(), ConcurrencyStamp = r.ToLowerInvariant(),
        }));
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    /// <summary>The options every host uses: Npgsql, snake_case names, this assembly's migrations.</summary>
    /// <summary>
    /// The connection settings the portal's speed relies on, unless the connection string sets them: statements used five
    /// times are prepared (Max Auto Prepare), so a page's queries are not planned again on every request; and a pooled
    /// connection is not reset when returned (No Reset On Close), which saves a round trip per query. The portal keeps no
    /// session state on a connection (temporary tables are dropped on commit), so there is nothing to reset.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
        }

        builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PortalDbContext).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(Capture)
            // Search counts and facets read "any N matches" on purpose (SearchPortal.CountLimit): an order would mean reading them all.
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning)
                // Entity Framework's own "an error occurred using the connection / a transaction / iterating a query / saving"
                // entries come before the exception that the caller handles: a client that hung up (logged as 499), a
                // database outage (logged once by the web's DatabaseOutage) or a real error (logged with its stack trace by
                // the exception handler). At Error they made one stack-less error per request of an outage or a load run's end.
                .Log(
                    (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.ConnectionError, Microsoft.Extensions.Logging.LogLevel.Debug),
                    (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, Microsoft.Extensions.Logging.LogLevel.Debug),
                    (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.TransactionError, Microsoft.Extensions.Logging.LogLevel.Debug),
                    (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.QueryIterationFailed, Microsoft.Extensions.Logging.LogLevel.Debug),
                    (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, Microsoft.Extensions.Logging.LogLevel.Debug)));
}
