using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SesecPortal.Application.Data;
using SesecPortal.Application.Seed.Loaders;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SesecPortal.Application.Seed;

/// <summary>
/// Loads the structured seed (the December 2021 – January 2022 issue) into the database. Idempotent: a record whose
/// slug already exists is left as it is (an editor may have changed it), so loading twice changes nothing.
/// </summary>
public sealed class SeedLoader(PortalDbContext db, ILogger<SeedLoader> logger)
{
    public const string NewsletterResource = "SesecPortal.Seed.sesec-newsletter-2021-12.yaml";

    public static SeedDocument ReadEmbedded(string resource = NewsletterResource) => Parse(ReadEmbeddedText(resource));

    /// <summary>The embedded seed's YAML text.</summary>
    public static string ReadEmbeddedText(string resource = NewsletterResource)
    {
        using var stream = typeof(SeedLoader).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The seed resource '{resource}' is not embedded in the application.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static SeedDocument Parse(string yaml) =>
        new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<SeedDocument>(yaml)
        ?? new SeedDocument();

    /// <summary>
    /// Loads the seed in one transaction: every kind of record after the kinds it refers to (work items name standards, so
    /// they come after them), nothing saved if any value is wrong, and the relations last, by the ids of their ends.
    /// </summary>
    /// <returns>How many records were added.</returns>
    public async Task<int> LoadAsync(SeedDocument seed, CancellationToken ct)
    {
        var ctx = new SeedContext(seed);
        var records = new SeedRecords();
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        await SectorLoader.LoadAsync(db, ctx, records, ct);
        await OrganisationLoader.LoadAsync(db, ctx, records, ct);
        await WorkingGroupLoader.LoadAsync(db, ctx, records, ct);
        await StandardLoader.LoadAsync(db, ctx, records, ct);
        WorkingGroupLoader.AddWorkItems(ctx, records);
        await PolicyLoader.LoadAsync(db, ctx, records, ct);
        await ArticleLoader.LoadAsync(db, ctx, records, ct);
        await IssueLoader.LoadAsync(db, ctx, records, ct);
        await TargetLoader.LoadAsync(db, ctx, records, ct);
        var links = RelationLoader.Resolve(ctx, records);

        ctx.ThrowIfProblems();
        var added = db.ChangeTracker.Entries().Count(e => e.State == EntityState.Added);
        await db.SaveChangesAsync(ct);
        added += await RelationLoader.AddAsync(db, links, ct);

        await tx.CommitAsync(ct);
        int articleCount = records.NewArticles.Count, standardCount = records.NewStandards.Count;
        logger.LogInformation("Seed loaded: {Added} records added ({Articles} new articles, {Standards} new standards)", added, articleCount, standardCount);
        return added;
    }
}
