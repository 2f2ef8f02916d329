using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Data.Configurations;

internal sealed class NewsletterIssueConfiguration : IEntityTypeConfiguration<NewsletterIssue>
{
    public void Configure(EntityTypeBuilder<NewsletterIssue> builder)
    {
        builder.ToTable("newsletter_issues");
        builder.Property(i => i.Slug).HasMaxLength(Limits.Slug);
        builder.Property(i => i.Series).HasMaxLength(Limits.Name);
        builder.Property(i => i.Title).HasMaxLength(Limits.Name);
        builder.Property(i => i.About).HasMaxLength(Limits.Body);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Version).IsRowVersion();
        builder.HasIndex(i => i.Slug).IsUnique();
        builder.HasIndex(i => i.Number).IsUnique();
        builder.HasIndex(i => new { i.Status, i.PeriodStart });
        builder.HasMany(i => i.Sections).WithOne(s => s.Issue).HasForeignKey(s => s.IssueId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Takeaways).WithOne().HasForeignKey(t => t.IssueId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IssueSectionConfiguration : IEntityTypeConfiguration<IssueSection>
{
    public void Configure(EntityTypeBuilder<IssueSection> builder)
    {
        builder.Property(s => s.Slug).HasMaxLength(Limits.Slug);
        builder.Property(s => s.Title).HasMaxLength(Limits.Name);
        builder.Property(s => s.Note).HasMaxLength(Limits.Summary);
        builder.HasIndex(s => new { s.IssueId, s.Slug }).IsUnique();
    }
}

internal sealed class IssueTakeawayConfiguration : IEntityTypeConfiguration<IssueTakeaway>
{
    public void Configure(EntityTypeBuilder<IssueTakeaway> builder)
    {
        builder.Property(t => t.Title).HasMaxLength(Limits.Title);
        builder.Property(t => t.Summary).HasMaxLength(Limits.Summary);
        builder.HasOne(t => t.Article).WithMany().HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(t => new { t.IssueId, t.Position });
    }
}
