using System.Globalization;
using CsvHelper;
using Mediator;
using SesecPortal.Application.Features.Articles;
using SesecPortal.Application.Features.Digest;
using SesecPortal.Application.Features.Policies;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Application.Features.Targets;

namespace SesecPortal.Web.Endpoints;

/// <summary>CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheets read accents) of a standards, policies, articles or targets list, a search result or a digest.</summary>
internal static class CsvExport
{
    /// <summary>At most this many pages of the finder or the search are written.</summary>
    public const int MaxPages = 400;

    public static async Task StandardsAsync(HttpContext context, ISender sender, FindStandards.Query query, CancellationToken ct)
    {
        await using var csv = Start(context, "standards.csv");
        await csv.WriteRecordAsync(["code", "title", "level", "status", "published_on", "effective_on", "committee", "sectors", "adoption", "url", "ics", "ccs"], ct);
        for (var page = 1; page <= MaxPages; page++)
        {
            var result = await sender.Send(query with { Page = page.ToString(CultureInfo.InvariantCulture) }, ct);
            foreach (var s in result.Standards)
            {
                await csv.WriteRecordAsync([s.Code, s.Title, s.Level, s.Status, s.PublishedOn, s.EffectiveOn, s.Committee?.Title, string.Join("; ", s.Sectors.Select(x => x.Title)), s.Adoption, $"/standards/{s.Slug}", string.Join("; ", s.Ics), s.Ccs], ct);
            }

            if (page >= result.PageCount)
            {
                break;
            }
        }
    }

    public static async Task PoliciesAsync(HttpContext context, ISender sender, FindPolicies.Query query, CancellationToken ct)
    {
        await using var csv = Start(context, "policies.csv");
        await csv.WriteRecordAsync(["issued_on", "title", "kind", "status", "authorities", "sectors", "url", "title_zh", "version", "previous_version", "versions"], ct);
        for (var page = 1; page <= MaxPages; page++)
        {
            var result = await sender.Send(query with { Page = page.ToString(CultureInfo.InvariantCulture) }, ct);
            foreach (var p in result.Policies)
            {
                await csv.WriteRecordAsync([p.IssuedOn, p.Title, p.Kind, p.Status, string.Join("; ", p.Authorities.Select(a => a.Title)),
                    string.Join("; ", p.Sectors.Select(x => x.Title)), $"/policies/{p.Slug}", p.TitleZh, Version(p.Chain),
                    p.Chain?.Previous is { } previous ? $"/policies/{previous.Slug}" : null, p.Chain?.Text], ct);
            }

            if (page >= result.PageCount)
            {
                break;
            }
        }
    }

    public static async Task ArticlesAsync(HttpContext context, ISender sender, FindArticles.Query query, CancellationToken ct)
    {
        await using var csv = Start(context, "articles.csv");
        await csv.WriteRecordAsync(["date", "title", "issue", "sectors", "tags", "url"], ct);
        for (var page = 1; page <= MaxPages; page++)
        {
            var result = await sender.Send(query with { Page = page.ToString(CultureInfo.InvariantCulture) }, ct);
            foreach (var a in result.Articles)
            {
                await csv.WriteRecordAsync([a.Date, a.Title, a.Issue?.Title, string.Join("; ", a.Sectors.Select(x => x.Title)), string.Join("; ", a.Tags), $"/articles/{a.Slug}"], ct);
            }

            if (page >= result.PageCount)
            {
                break;
            }
        }
    }

    public static async Task SearchAsync(HttpContext context, ISender sender, SearchPortal.Query query, CancellationToken ct)
    {
        await using var csv = Start(context, "search.csv");
        await csv.WriteRecordAsync(["kind", "title", "code", "date", "score", "url"], ct);
        for (var page = 1; page <= MaxPages; page++)
        {
            var result = await sender.Send(query with { Page = page.ToString(CultureInfo.InvariantCulture) }, ct);
            foreach (var h in result.Hits)
            {
                await csv.WriteRecordAsync([h.Kind, h.Title, h.Code, h.Date, h.Score.ToString("0.####", CultureInfo.InvariantCulture), h.Url], ct);
            }

            if (page >= result.PageCount)
            {
                break;
            }
        }
    }

    public static async Task TargetsAsync(HttpContext context, ISender sender, ListTargets.Query query, CancellationToken ct)
    {
        var result = await sender.Send(query, ct);
        await using var csv = Start(context, "targets.csv");
        await csv.WriteRecordAsync(["metric", "target", "year", "baseline", "quote", "set_by", "set_by_kind", "sectors", "url"], ct);
        foreach (var t in result.Targets)
        {
            await csv.WriteRecordAsync(
                [t.Metric, t.Statement, t.Year?.ToString(CultureInfo.InvariantCulture), t.Baseline, t.Quote, t.Owner?.Title, t.OwnerKind,
                 string.Join("; ", t.Sectors.Select(x => x.Title)), t.Owner is { } owner ? $"/{(t.OwnerKind == "policy" ? "policies" : "standards")}/{owner.Slug}" : null], ct);
        }
    }

    /// <summary>The digest's rows as on its page: one per entry (a policy with the articles about it, or an article), in the page's order.</summary>
    public static async Task DigestAsync(HttpContext context, ISender sender, GetDigest.Query query, CancellationToken ct)
    {
        var digest = await sender.Send(query, ct);
        await using var csv = Start(context, "digest.csv");
        await csv.WriteRecordAsync(
            ["sector", "authority", "kind", "title", "date", "published_on", "status", "authorities", "sectors", "source", "url", "articles", "article_urls",
             "title_zh", "version", "versions"], ct);
        foreach (var e in digest.Groups.SelectMany(g => g.Subsections).SelectMany(s => s.Entries))
        {
            await csv.WriteRecordAsync(
                [e.Sector?.Title, e.Authority?.Title, e.Kind, e.Title, e.DateIso, e.PublishedOnIso, e.Status,
                 string.Join("; ", e.Authorities.Select(a => a.Title)), string.Join("; ", e.Sectors.Select(s => s.Title)), e.SourceUrl, e.Url,
                 string.Join("; ", e.Articles.Select(a => a.Title)), string.Join("; ", e.Articles.Select(a => a.Url)),
                 e.TitleZh, Version(e.Chain), e.Chain?.Text], ct);
        }
    }

    /// <summary>"2 of 3" for a policy in a chain of versions; empty for one that is its only version.</summary>
    private static string? Version(PolicyChain? chain) =>
        chain is null ? null : $"{chain.Current.ToString(CultureInfo.InvariantCulture)} of {chain.Count.ToString(CultureInfo.InvariantCulture)}";

    private static CsvWriter Start(HttpContext context, string fileName)
    {
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename={fileName}";
        // Formula injection: a cell starting with =, +, - or @ is escaped so a spreadsheet shows it as text.
        return CsvWriter.Create(context.Response.Body, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true);
    }
}
