using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SesecPortal.Application.Changes;

namespace SesecPortal.Application.Data.Configurations;

internal sealed class ChangeLogEntryConfiguration : IEntityTypeConfiguration<ChangeLogEntry>
{
    public void Configure(EntityTypeBuilder<ChangeLogEntry> builder)
    {
        builder.ToTable("change_log");
        // Set by the database in the writing transaction, and read back: the pipeline waits for followers to pass it.
        builder.Property(e => e.TransactionId).HasDefaultValueSql("pg_current_xact_id()::text::bigint").ValueGeneratedOnAdd();
        builder.Property(e => e.At).HasDefaultValueSql("now()").ValueGeneratedOnAdd();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(10);
        // Followers read "after (transaction, id), before the horizon, in that order".
        builder.HasIndex(e => new { e.TransactionId, e.Id });
    }
}

internal sealed class ChangeFollowerPositionConfiguration : IEntityTypeConfiguration<ChangeFollowerPosition>
{
    public void Configure(EntityTypeBuilder<ChangeFollowerPosition> builder)
    {
        builder.ToTable("change_followers");
        builder.HasKey(f => f.Name);
        builder.Property(f => f.Name).HasMaxLength(60);
        builder.Ignore(f => f.Position);
    }
}
