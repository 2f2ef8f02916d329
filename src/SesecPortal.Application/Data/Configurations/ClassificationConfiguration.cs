using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Data.Configurations;

internal sealed class IcsGroupConfiguration : IEntityTypeConfiguration<IcsGroup>
{
    public void Configure(EntityTypeBuilder<IcsGroup> builder)
    {
        builder.HasKey(g => g.Code);
        builder.Property(g => g.Code).HasMaxLength(16);
        builder.Property(g => g.ParentCode).HasMaxLength(16);
        builder.Property(g => g.TitleEn).HasMaxLength(Limits.Name);
        builder.Property(g => g.Notes).HasMaxLength(Limits.Summary);
        builder.HasOne<IcsGroup>().WithMany().HasForeignKey(g => g.ParentCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CcsClassConfiguration : IEntityTypeConfiguration<CcsClass>
{
    public void Configure(EntityTypeBuilder<CcsClass> builder)
    {
        builder.HasKey(c => c.Letter);
        builder.Property(c => c.Letter).HasMaxLength(1);
        builder.Property(c => c.TitleEn).HasMaxLength(Limits.Name);
        builder.Property(c => c.TitleZh).HasMaxLength(Limits.Name);
    }
}
