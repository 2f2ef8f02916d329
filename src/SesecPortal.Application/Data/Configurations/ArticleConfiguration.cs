using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Data.Configurations;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.Property(a => a.Slug).HasMaxLength(Limits.Slug);
        builder.Property(a => a.Title).HasMaxLength(Limits.Title);
        builder.Property(a => a.Summary).HasMaxLength(Limits.Summary);
        builder.Property(a => a.Body).HasMaxLength(Limits.Body);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.EventDatePrecision).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.Version).IsRowVersion();
        builder.HasIndex(a => a.Slug).IsUnique();
        // Imports upsert by the interchange id (ON CONFLICT (external_id)).
        builder.Property(a => a.ExternalId).HasMaxLength(Limits.ExternalId);
        builder.HasIndex(a => a.ExternalId).IsUnique();
        // What arrived after a moment. (Watchlists ask when an article went online instead: published_at, updated_at.)
        builder.HasIndex(a => a.CreatedAt);
        builder.Property(a => a.CorrectionNote).HasMaxLength(Limits.Summary);
        builder.HasMany(a => a.Revisions).WithOne(r => r.Article).HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        // The home page and sector pages list published articles newest first.
        builder.HasIndex(a => new { a.Status, a.PublishedOn });
        builder.HasIndex(a => new { a.SectionId, a.Position });
        // The digest's date of an article is COALESCE(event_date, published_on): an expression index, created in a migration
        // (ix_articles_digest_date) because EF Core cannot describe one.
        builder.HasOne(a => a.Section).WithMany(s => s.Articles).HasForeignKey(a => a.SectionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(a => a.SourceLinks).WithOne().HasForeignKey(l => l.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Sectors).WithMany().UsingEntity("article_sectors");
        builder.HasMany(a => a.Policies).WithMany().UsingEntity("article_policies");
        builder.HasMany(a => a.Standards).WithMany().UsingEntity("article_standards");
        builder.HasMany(a => a.WorkingGroups).WithMany().UsingEntity("article_working_groups");
        builder.HasMany(a => a.Organisations).WithMany().UsingEntity("article_organisations");
    }
}

internal sealed class ArticleSourceLinkConfiguration : IEntityTypeConfiguration<ArticleSourceLink>
{
    public void Configure(EntityTypeBuilder<ArticleSourceLink> builder)
    {
        builder.Property(l => l.Url).HasMaxLength(Limits.Url);
        builder.Property(l => l.Title).HasMaxLength(Limits.Title);
    }
}
