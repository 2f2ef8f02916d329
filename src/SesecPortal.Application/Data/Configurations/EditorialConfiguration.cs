using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Data.Configurations;

internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> builder)
    {
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Title).HasMaxLength(Limits.Title);
        builder.Property(r => r.Summary).HasMaxLength(Limits.Summary);
        builder.Property(r => r.Body).HasMaxLength(Limits.Body);
        builder.Property(r => r.EventDatePrecision).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.SourceLinks).HasMaxLength(Limits.Summary);
        builder.Property(r => r.CorrectionNote).HasMaxLength(Limits.Summary);
        builder.Property(r => r.ReviewComment).HasMaxLength(Limits.Summary);
        builder.Property(r => r.AuthorId).HasMaxLength(450);
        builder.Property(r => r.AuthorName).HasMaxLength(Limits.Name);
        builder.Property(r => r.UpdatedByName).HasMaxLength(Limits.Name);
        builder.Property(r => r.ApprovedByName).HasMaxLength(Limits.Name);
        builder.Property(r => r.Version).IsRowVersion();
        builder.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
        // The editor's queues (in review, approved) and the scheduler (approved and due).
        builder.HasIndex(r => new { r.State, r.ScheduledFor });
    }
}

internal sealed class ContentVersionConfiguration : IEntityTypeConfiguration<ContentVersion>
{
    public void Configure(EntityTypeBuilder<ContentVersion> builder)
    {
        builder.Property(v => v.ItemKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Snapshot).HasMaxLength(Limits.Body);
        builder.Property(v => v.AuthorId).HasMaxLength(450);
        builder.Property(v => v.AuthorName).HasMaxLength(Limits.Name);
        builder.HasIndex(v => new { v.ItemKind, v.ItemId, v.Number }).IsUnique();
    }
}

internal sealed class FormerSlugConfiguration : IEntityTypeConfiguration<FormerSlug>
{
    public void Configure(EntityTypeBuilder<FormerSlug> builder)
    {
        builder.HasKey(f => new { f.Kind, f.Slug });
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Slug).HasMaxLength(Limits.Slug);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.ItemKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(Limits.Name);
        builder.Property(a => a.Action).HasMaxLength(60);
        builder.Property(a => a.ItemTitle).HasMaxLength(Limits.Title);
        builder.Property(a => a.Detail).HasMaxLength(Limits.Summary);
        builder.Property(a => a.SubjectUserId).HasMaxLength(450);
        // Erasing an account finds the entries by it and about it.
        builder.HasIndex(a => a.UserId);
        builder.HasIndex(a => a.SubjectUserId);
        // The audit log reads newest first, whole or for one item.
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.ItemKind, a.ItemId, a.At });
    }
}

internal sealed class RelationConfiguration : IEntityTypeConfiguration<Relation>
{
    public void Configure(EntityTypeBuilder<Relation> builder)
    {
        builder.Property(r => r.SubjectKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.ObjectKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Note).HasMaxLength(Limits.Title);
        // One of each link; an item's page reads its relations from both ends, each end by its own index.
        builder.HasIndex(r => new { r.SubjectKind, r.SubjectId, r.Type, r.ObjectKind, r.ObjectId }).IsUnique();
        builder.HasIndex(r => new { r.ObjectKind, r.ObjectId });
    }
}

internal sealed class StandardEventConfiguration : IEntityTypeConfiguration<StandardEvent>
{
    public void Configure(EntityTypeBuilder<StandardEvent> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Note).HasMaxLength(Limits.Title);
        builder.Property(e => e.Number).HasMaxLength(Limits.Code);
        builder.Property(e => e.Conclusion).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(e => new { e.StandardId, e.On });
    }
}
