using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Data;

public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options)
{
    public DbSet<Sector> Sectors => Set<Sector>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<WorkingGroup> WorkingGroups => Set<WorkingGroup>();
    public DbSet<WorkItem> WorkItems => Set<WorkItem>();
    public DbSet<Standard> Standards => Set<Standard>();
    public DbSet<Policy> Policies => Set<Policy>();
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<NewsletterIssue> Issues => Set<NewsletterIssue>();
    public DbSet<IssueSection> IssueSections => Set<IssueSection>();
    public DbSet<SearchEntry> SearchEntries => Set<SearchEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.HasDbFunction(typeof(SearchFunctions).GetMethod(nameof(SearchFunctions.Spelling))!).HasName("sesec_spelling").IsBuiltIn(false);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    /// <summary>The options every host uses: Npgsql, snake_case names, this assembly's migrations.</summary>
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PortalDbContext).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention();
}
