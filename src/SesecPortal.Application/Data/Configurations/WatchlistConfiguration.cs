using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Data.Configurations;

internal sealed class WatchlistConfiguration : IEntityTypeConfiguration<Watchlist>
{
    public void Configure(EntityTypeBuilder<Watchlist> builder)
    {
        builder.Property(w => w.UserId).HasMaxLength(450);
        builder.HasIndex(w => w.UserId).IsUnique();
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(w => w.FeedTokenHash).HasMaxLength(64);
        // The private feed is found by its token's hash.
        builder.HasIndex(w => w.FeedTokenHash).IsUnique();
        builder.Property(w => w.Alerts).HasConversion<string>().HasMaxLength(20);
        // The alert job looks for the watchlists whose period has ended.
        builder.HasIndex(w => new { w.Alerts, w.AlertsCoveredUntil });
        builder.HasMany(w => w.Items).WithOne().HasForeignKey(i => i.WatchlistId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WatchItemConfiguration : IEntityTypeConfiguration<WatchItem>
{
    public void Configure(EntityTypeBuilder<WatchItem> builder)
    {
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Query).HasMaxLength(500);
        builder.Property(i => i.Filters).HasMaxLength(500);
        // Following twice is following once; the follow buttons look items up by this key.
        builder.HasIndex(i => new { i.WatchlistId, i.Kind, i.ItemId, i.Query, i.Filters }).IsUnique().AreNullsDistinct(false);
    }
}
