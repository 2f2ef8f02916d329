using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Data.Configurations;

internal sealed class SearchEntryConfiguration : IEntityTypeConfiguration<SearchEntry>
{
    /// <summary>
    /// Title and code weigh most (A), the summary next (B), the body least (D). <c>sesec_spelling</c> folds British and
    /// American spellings (standardisation/standardization) on both the documents and the queries.
    /// </summary>
    public const string VectorSql =
        "setweight(to_tsvector('english'::regconfig, sesec_spelling(coalesce(title, '') || ' ' || coalesce(code, ''))), 'A') || " +
        "setweight(to_tsvector('english'::regconfig, sesec_spelling(coalesce(summary, ''))), 'B') || " +
        "setweight(to_tsvector('english'::regconfig, sesec_spelling(coalesce(body, ''))), 'D')";

    public void Configure(EntityTypeBuilder<SearchEntry> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Slug).HasMaxLength(Limits.Slug);
        builder.Property(e => e.Title).HasMaxLength(Limits.Title);
        builder.Property(e => e.Code).HasMaxLength(Limits.Code);
        builder.Property(e => e.CodeKey).HasMaxLength(Limits.Code);
        builder.Property(e => e.Status).HasMaxLength(40);
        builder.Property(e => e.SearchVector).HasComputedColumnSql(VectorSql, stored: true);
        builder.HasIndex(e => new { e.Kind, e.ItemId }).IsUnique();
        builder.HasIndex(e => e.SearchVector).HasMethod("gin");
        builder.HasIndex(e => e.Title).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_search_entries_title_trgm");
        builder.HasIndex(e => e.CodeKey).HasOperators("text_pattern_ops");
        builder.HasIndex(e => e.Sectors).HasMethod("gin");
        builder.HasIndex(e => e.Authorities).HasMethod("gin");
        // Browsing with filters and no words: newest first within a kind.
        builder.HasIndex(e => new { e.Kind, e.Date });
        builder.HasIndex(e => e.Date);
    }
}
