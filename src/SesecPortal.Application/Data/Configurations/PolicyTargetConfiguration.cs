using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Data.Configurations;

internal sealed class PolicyTargetConfiguration : IEntityTypeConfiguration<PolicyTarget>
{
    public void Configure(EntityTypeBuilder<PolicyTarget> builder)
    {
        builder.Property(t => t.Metric).HasMaxLength(Limits.Title);
        builder.Property(t => t.Unit).HasMaxLength(60);
        builder.Property(t => t.Value).HasPrecision(18, 4);
        builder.Property(t => t.Comparison).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Baseline).HasMaxLength(Limits.Title);
        builder.Property(t => t.Quote).HasMaxLength(Limits.Summary);
        builder.HasOne(t => t.Policy).WithMany().HasForeignKey(t => t.PolicyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(t => t.Standard).WithMany().HasForeignKey(t => t.StandardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.Sectors).WithMany().UsingEntity("policy_target_sectors");
        // /targets browses by year; a policy's page lists its targets.
        builder.HasIndex(t => t.TargetYear);
        builder.ToTable(t => t.HasCheckConstraint("ck_policy_targets_owner", "policy_id IS NOT NULL OR standard_id IS NOT NULL"));
    }
}
