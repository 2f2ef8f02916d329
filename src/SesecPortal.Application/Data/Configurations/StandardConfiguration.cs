using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Data.Configurations;

internal sealed class StandardConfiguration : IEntityTypeConfiguration<Standard>
{
    public void Configure(EntityTypeBuilder<Standard> builder)
    {
        builder.Property(s => s.Slug).HasMaxLength(Limits.Slug);
        builder.Property(s => s.Code).HasMaxLength(Limits.Code);
        builder.Property(s => s.NormalizedCode).HasMaxLength(Limits.Code);
        builder.Property(s => s.CodeKey).HasMaxLength(Limits.Code);
        builder.Property(s => s.Level).HasConversion<string>().HasMaxLength(40);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(40);
        builder.Property(s => s.TitleEn).HasMaxLength(Limits.Title);
        builder.Property(s => s.TitleZh).HasMaxLength(Limits.Title);
        builder.Property(s => s.RecordUrl).HasMaxLength(Limits.Url);
        builder.Property(s => s.FullTextUrl).HasMaxLength(Limits.Url);
        builder.Property(s => s.PurchaseUrl).HasMaxLength(Limits.Url);
        builder.Property(s => s.CompetentDepartment).HasMaxLength(Limits.Name);
        builder.Property(s => s.Summary).HasMaxLength(Limits.Summary);
        builder.Property(s => s.EditionNote).HasMaxLength(Limits.Summary);
        builder.Property(s => s.Version).IsRowVersion();
        builder.Property(s => s.Year).HasComputedColumnSql(
            "COALESCE(code_year, date_part('year', published_on)::integer, date_part('year', drafted_on)::integer)", stored: true);
        builder.HasIndex(s => s.Year);
        builder.Ignore(s => s.DisplayTitle);
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.Property(s => s.ExternalId).HasMaxLength(Limits.ExternalId);
        builder.HasIndex(s => s.ExternalId).IsUnique();
        builder.HasIndex(s => s.ChangedAt);
        // Exact code lookups, and codes typed without their year (GB/T 50378) by prefix: text_pattern_ops serves both.
        builder.HasIndex(s => s.CodeKey).IsUnique().HasOperators("text_pattern_ops");
        // The standards finder filters by level and status and sorts by code or date.
        builder.HasIndex(s => new { s.Level, s.NormalizedCode });
        builder.HasIndex(s => new { s.Status, s.EffectiveOn });
        builder.HasIndex(s => s.PublishedOn);
        builder.HasIndex(s => s.NormalizedCode);
        builder.HasOne(s => s.Committee).WithMany().HasForeignKey(s => s.CommitteeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(s => s.Issuer).WithMany().HasForeignKey(s => s.IssuerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(s => s.ReplacedBy).WithMany(s => s.Replaces).HasForeignKey(s => s.ReplacedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(s => s.Sectors).WithMany().UsingEntity("standard_sectors");
        builder.HasMany(s => s.Ics).WithMany().UsingEntity("standard_ics");
        builder.Property(s => s.CcsCode).HasMaxLength(3);
        builder.HasIndex(s => s.CcsCode);
        builder.ToTable(t => t.HasCheckConstraint("ck_standards_ccs_code", "ccs_code ~ '^[A-HJ-NP-Z][0-9]{2}$'"));
        builder.Property(s => s.PlanCode).HasMaxLength(Limits.Code);
        builder.Property(s => s.PlanCodeKey).HasMaxLength(Limits.Code);
        // A plan number's page finds the standard it became.
        builder.HasIndex(s => s.PlanCodeKey);
        builder.HasMany(s => s.Adoptions).WithOne().HasForeignKey(a => a.StandardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Events).WithOne().HasForeignKey(e => e.StandardId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StandardAdoptionConfiguration : IEntityTypeConfiguration<StandardAdoption>
{
    public void Configure(EntityTypeBuilder<StandardAdoption> builder)
    {
        builder.Property(a => a.Code).HasMaxLength(Limits.Code);
        builder.Property(a => a.CodeKey).HasMaxLength(Limits.Code);
        builder.Property(a => a.Degree).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(a => new { a.StandardId, a.Position }).IsUnique();
        // An adopted standard's page, and a search for its code typed without a year, find the standards adopting it.
        builder.HasIndex(a => a.CodeKey).HasOperators("text_pattern_ops");
    }
}
