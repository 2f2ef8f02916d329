using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Data.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.Property(o => o.Slug).HasMaxLength(Limits.Slug);
        builder.Property(o => o.Name).HasMaxLength(Limits.Name);
        builder.Property(o => o.Abbreviation).HasMaxLength(Limits.Code);
        builder.Property(o => o.Description).HasMaxLength(Limits.Summary);
        builder.Property(o => o.Website).HasMaxLength(Limits.Url);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Ignore(o => o.DisplayName);
        builder.HasIndex(o => o.Slug).IsUnique();
        builder.Property(o => o.Version).IsRowVersion();
        builder.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Sectors).WithMany().UsingEntity("organisation_sectors");
    }
}
