using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Data.Configurations;

/// <summary>
/// The former search table, dropped by the migration <c>OneSearchPathLucene</c>: excluded from migrations, mapped only so
/// that the standards finder compiles until its rewrite onto the search index lands. Delete with <see cref="SearchEntry"/>.
/// </summary>
internal sealed class SearchEntryConfiguration : IEntityTypeConfiguration<SearchEntry>
{
    public void Configure(EntityTypeBuilder<SearchEntry> builder)
    {
        builder.ToTable("search_entries", t => t.ExcludeFromMigrations());
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
    }
}
