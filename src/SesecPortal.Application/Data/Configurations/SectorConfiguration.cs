using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Data.Configurations;

internal sealed class SectorConfiguration : IEntityTypeConfiguration<Sector>
{
    public void Configure(EntityTypeBuilder<Sector> builder)
    {
        builder.Property(s => s.Slug).HasMaxLength(Limits.Slug);
        builder.Property(s => s.Name).HasMaxLength(Limits.Name);
        builder.Property(s => s.Description).HasMaxLength(Limits.Summary);
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.HasIndex(s => s.Position);
        builder.Property(s => s.Version).IsRowVersion();
    }
}
