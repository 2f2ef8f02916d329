using System.Globalization;
using SesecPortal.Application.Common;
using SesecPortal.Application.Domain;
using static SesecPortal.Application.Features.Digest.GetDigest;

namespace SesecPortal.Application.Features.Digest;

/// <summary>The digest's entries: their dates as shown, and their grouping by sector and authority.</summary>
internal static class DigestEntries
{
    /// <summary>Sectors in the taxonomy's order, authorities by name, each with the entries of the other kind inside; "none" last.</summary>
    public static List<Section> Group(List<Entry> entries, string group, List<Link> sectors, List<Link> authorities)
    {
        var sectorOrder = sectors.Select((l, i) => (l.Slug, i)).ToDictionary(x => x.Slug, x => x.i, StringComparer.Ordinal);
        var authorityOrder = authorities.Select((l, i) => (l.Slug, i)).ToDictionary(x => x.Slug, x => x.i, StringComparer.Ordinal);
        int Order(string kind, Link? link) => link is null ? int.MaxValue
            : (kind == BySector ? sectorOrder : authorityOrder).GetValueOrDefault(link.Slug, int.MaxValue - 1);
        string Title(string kind, Link? link) => link?.Title ?? (kind == BySector ? "No sector" : "No authority named");

        var outer = group;
        var inner = group == BySector ? ByAuthority : BySector;
        Link? Key(string kind, Entry e) => kind == BySector ? e.Sector : e.Authority;
        return [.. entries.GroupBy(e => Key(outer, e)?.Slug)
            .Select(g => (Link: Key(outer, g.First()), Entries: g.ToList()))
            .OrderBy(g => Order(outer, g.Link)).ThenBy(g => Title(outer, g.Link), StringComparer.OrdinalIgnoreCase)
            .Select(g => new Section(outer, g.Link?.Slug, Title(outer, g.Link),
                [.. g.Entries.GroupBy(e => Key(inner, e)?.Slug)
                    .Select(s => (Link: Key(inner, s.First()), Entries: s.ToList()))
                    .OrderBy(s => Order(inner, s.Link)).ThenBy(s => Title(inner, s.Link), StringComparer.OrdinalIgnoreCase)
                    .Select(s => new Subsection(inner, s.Link?.Slug, Title(inner, s.Link), s.Entries))],
                g.Entries.Count))];
    }

    public static string? Text(DateOnly? date, DatePrecision precision) => date is { } d ? PartialDate.Format(d, precision) : null;

    public static string? Iso(DateOnly? date, DatePrecision precision) => date is not { } d ? null : precision switch
    {
        DatePrecision.Month => d.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        DatePrecision.Year => d.ToString("yyyy", CultureInfo.InvariantCulture),
        _ => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}

/// <summary>An entry while the articles about it are folded in.</summary>
internal sealed class EntryDraft(
    string kind, string title, string url, string? summary, DateOnly? date, DatePrecision precision, DateOnly? publishedOn, string? status,
    IReadOnlyList<Link> authorities, IReadOnlyList<Link> sectors, string? sourceUrl)
{
    public string Title => title;
    public List<Covered> Articles { get; } = [];
    public string? TitleZh { get; init; }
    public Policies.PolicyChain? Chain { get; init; }

    /// <summary>Dated first, then known only by the day it was published, then undated.</summary>
    public int Rank => date is not null ? 0 : publishedOn is not null ? 1 : 2;
    public DateOnly SortDate => date ?? publishedOn ?? DateOnly.MaxValue;

    public Entry ToEntry(List<string> selectedSectors, List<string> selectedAuthorities) => new(
        kind, title, url, summary, DigestEntries.Text(date, precision), DigestEntries.Iso(date, precision), DigestEntries.Text(publishedOn, DatePrecision.Day), DigestEntries.Iso(publishedOn, DatePrecision.Day),
        status, authorities, sectors, sourceUrl ?? Articles.Select(a => a.SourceUrl).FirstOrDefault(s => s is not null), Articles,
        Placement(sectors, selectedSectors), Placement(authorities, selectedAuthorities))
    {
        TitleZh = TitleZh, Chain = Chain,
    };

    private static Link? Placement(IReadOnlyList<Link> links, List<string> selected) =>
        links.FirstOrDefault(l => selected.Contains(l.Slug)) ?? (links.Count > 0 ? links[0] : null);
}
