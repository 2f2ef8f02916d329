using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(m => m.Recipient).HasMaxLength(256);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.UnsubscribeScope).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasOne(m => m.Body).WithMany().HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<NewsletterIssue>().WithMany().HasForeignKey(m => m.IssueId).OnDelete(DeleteBehavior.SetNull);
        // The worker's claim reads the due messages in order: only those not yet sent nor given up are in this index.
        builder.HasIndex(m => new { m.NextAttemptAt, m.Id }).HasFilter("sent_at IS NULL AND failed_at IS NULL").HasDatabaseName("ix_outbox_messages_due");
        // The issue page's queued / sent / failed counts.
        builder.HasIndex(m => m.IssueId).HasFilter("issue_id IS NOT NULL");
        // Erasing an account removes the mail to its address.
        builder.HasIndex(m => m.Recipient);
    }
}

internal sealed class NewsletterSubscriptionConfiguration : IEntityTypeConfiguration<NewsletterSubscription>
{
    public void Configure(EntityTypeBuilder<NewsletterSubscription> builder)
    {
        builder.Property(s => s.Email).HasMaxLength(256);
        builder.Property(s => s.NormalizedEmail).HasMaxLength(256);
        builder.HasIndex(s => s.NormalizedEmail).IsUnique();
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.HasIndex(s => s.UserId).IsUnique().HasFilter("user_id IS NOT NULL");
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
