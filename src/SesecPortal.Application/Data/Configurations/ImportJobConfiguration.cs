using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Data.Configurations;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.Property(j => j.FileName).HasMaxLength(260);
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.QueuedBy).HasMaxLength(256);
        builder.Property(j => j.Instance).HasMaxLength(200);
        builder.Property(j => j.Summary).HasMaxLength(2000);
        // The import page lists the latest imports.
        builder.HasIndex(j => j.QueuedAt);
    }
}
