using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Data.Configurations;

internal sealed class PolicyConfiguration : IEntityTypeConfiguration<Policy>
{
    public void Configure(EntityTypeBuilder<Policy> builder)
    {
        builder.Property(p => p.Slug).HasMaxLength(Limits.Slug);
        builder.Property(p => p.Title).HasMaxLength(Limits.Title);
        builder.Property(p => p.TitleZh).HasMaxLength(Limits.Title);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(40);
        builder.Property(p => p.IssuedOnPrecision).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.DocumentNumber).HasMaxLength(Limits.Code);
        builder.Property(p => p.CoIssuers).HasMaxLength(Limits.Title);
        builder.Property(p => p.SourceUrl).HasMaxLength(Limits.Url);
        builder.Property(p => p.Summary).HasMaxLength(Limits.Summary);
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Property(p => p.ExternalId).HasMaxLength(Limits.ExternalId);
        builder.HasIndex(p => p.ExternalId).IsUnique();
        builder.HasIndex(p => p.IssuedOn);
        builder.HasMany(p => p.Authorities).WithOne().HasForeignKey(a => a.PolicyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Sectors).WithMany().UsingEntity("policy_sectors");
        // A chain of versions: each version follows at most one and is followed by at most one (the unique index).
        builder.Property(p => p.VersionKind).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(p => p.PreviousVersion).WithMany().HasForeignKey(p => p.PreviousVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.PreviousVersionId).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("ck_policies_version_link",
            "(previous_version_id IS NULL) = (version_kind IS NULL) AND (previous_version_id IS NULL OR previous_version_id <> id)"));
    }
}

internal sealed class PolicyAuthorityConfiguration : IEntityTypeConfiguration<PolicyAuthority>
{
    public void Configure(EntityTypeBuilder<PolicyAuthority> builder)
    {
        builder.HasKey(a => new { a.PolicyId, a.OrganisationId });
        builder.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.OrganisationId);
    }
}
