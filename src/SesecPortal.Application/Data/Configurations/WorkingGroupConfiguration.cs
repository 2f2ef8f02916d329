using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Data.Configurations;

internal sealed class WorkingGroupConfiguration : IEntityTypeConfiguration<WorkingGroup>
{
    public void Configure(EntityTypeBuilder<WorkingGroup> builder)
    {
        builder.Property(w => w.Slug).HasMaxLength(Limits.Slug);
        builder.Property(w => w.Code).HasMaxLength(Limits.Code);
        builder.Property(w => w.Name).HasMaxLength(Limits.Name);
        builder.Property(w => w.Kind).HasConversion<string>().HasMaxLength(40);
        builder.HasIndex(w => w.Slug).IsUnique();
        builder.Property(w => w.Version).IsRowVersion();
        builder.HasOne(w => w.Parent).WithMany(w => w.Children).HasForeignKey(w => w.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(w => w.Sectors).WithMany().UsingEntity("working_group_sectors");
        builder.HasMany(w => w.Members).WithOne().HasForeignKey(m => m.WorkingGroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(w => w.Contacts).WithOne().HasForeignKey(c => c.WorkingGroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(w => w.WorkItems).WithOne(i => i.WorkingGroup).HasForeignKey(i => i.WorkingGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkingGroupMemberConfiguration : IEntityTypeConfiguration<WorkingGroupMember>
{
    public void Configure(EntityTypeBuilder<WorkingGroupMember> builder)
    {
        builder.Property(m => m.PersonName).HasMaxLength(Limits.Name);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(40);
        builder.HasOne(m => m.Organisation).WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkingGroupContactConfiguration : IEntityTypeConfiguration<WorkingGroupContact>
{
    public void Configure(EntityTypeBuilder<WorkingGroupContact> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Limits.Name);
    }
}

internal sealed class WorkItemConfiguration : IEntityTypeConfiguration<WorkItem>
{
    public void Configure(EntityTypeBuilder<WorkItem> builder)
    {
        builder.Property(i => i.Title).HasMaxLength(Limits.Title);
        builder.Property(i => i.Note).HasMaxLength(Limits.Title);
        builder.Property(i => i.Stage).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Category).HasConversion<string>().HasMaxLength(40);
        builder.HasOne(i => i.Standard).WithMany().HasForeignKey(i => i.StandardId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(i => new { i.WorkingGroupId, i.Stage, i.Position });
    }
}
