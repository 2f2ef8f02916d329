using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Articles;
using SesecPortal.Application.Features.Issues;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Application.Features.Organisations;
using SesecPortal.Application.Features.Policies;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Features.Sectors;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Application.Features.Targets;
using SesecPortal.Application.Features.WorkingGroups;
using SesecPortal.Web.Infrastructure;

namespace SesecPortal.Web.Endpoints;

/// <summary>
/// The read API, <c>/api/v1</c>: every kind listed (with the filters of its page, paged) and each item by slug, numeric id or
/// interchange id (standards also by code). Thin: each endpoint sends the query handler its page sends.
/// </summary>
internal static class OpenDataApi
{
    public const string CorsPolicy = "open-data-read";
    public const string RateLimitPolicy = "api";

    /// <summary>A page of a list; <see cref="Messages"/> says how bad input was corrected.</summary>
    public sealed record ListPage<T>(IReadOnlyList<T> Items, int Page, int PageCount, int Total, int PageSize, IReadOnlyList<string> Messages);

    public sealed record SectorItem(string Slug, string Name, string? Description, string Url, int Articles, int Policies, int Standards, int WorkingGroups, int Organisations);

    public sealed record IssueItem(string Slug, string Series, string Title, int Number, string? PublishedOn, int Articles, string Url);

    public sealed record WorkingGroupItem(string Slug, string Name, string? Code, string Url, IReadOnlyList<WorkingGroupItem> Children);

    public sealed record OrganisationGroup(string Kind, IReadOnlyList<Application.Common.Link> Organisations);

    public static IEndpointRouteBuilder MapOpenDataApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireCors(CorsPolicy).RequireRateLimiting(RateLimitPolicy).WithTags("Open data");
        MapLists(api);
        MapDetails(api);
        MapExports(api);
        return app;
    }

    /// <summary>The lists, each the rows of its page in the same order (with its filters), paged as the page is.</summary>
    private static void MapLists(RouteGroupBuilder api)
    {
        api.MapGet("/articles", async (HttpRequest r, ISender s, CancellationToken ct) =>
        {
            var result = await s.Send(Pages.Articles.IndexModel.Query(r.Query), ct);
            return TypedResults.Ok(new ListPage<FindArticles.Row>(result.Articles, result.Page, result.PageCount, result.Total, FindArticles.PageSize, result.Messages));
        }).WithName("ListArticles")
            .WithSummary("The published articles of /articles, the same rows in the same order: sector, issue, year, tag, sort (newest, oldest, title), page.");
        api.MapGet("/policies", async (HttpRequest r, ISender s, CancellationToken ct) =>
        {
            var result = await s.Send(Pages.Policies.IndexModel.Query(r.Query), ct);
            return TypedResults.Ok(new ListPage<FindPolicies.Row>(result.Policies, result.Page, result.PageCount, result.Total, FindPolicies.PageSize, result.Messages));
        }).WithName("ListPolicies")
            .WithSummary("The policies of /policies, the same rows in the same order: sector, authority, kind, status, year, sort, page.");
        api.MapGet("/targets", async (HttpRequest r, ISender s, CancellationToken ct) =>
        {
            var result = await s.Send(Pages.Targets.IndexModel.Query(r.Query), ct);
            return TypedResults.Ok(new ListPage<TargetRow>(result.Targets, 1, 1, result.Targets.Count, result.Targets.Count, result.Messages));
        }).WithName("ListTargets")
            .WithSummary("The quantitative targets of /targets (same filters: sector, year), every one on one page.");
        api.MapGet("/working-groups", async (ISender s, CancellationToken ct) =>
        {
            var tree = await s.Send(new ListWorkingGroups.Query(), ct);
            static WorkingGroupItem Map(ListWorkingGroups.Node n) => new(n.Slug, n.Name, n.Code, $"/working-groups/{n.Slug}", [.. n.Children.Select(Map)]);
            var items = tree.Select(Map).ToList();
            return TypedResults.Ok(new ListPage<WorkingGroupItem>(items, 1, 1, items.Count, items.Count, []));
        }).WithName("ListWorkingGroups").WithSummary("The committee tree: technical committees, their subcommittees and working groups.");
        api.MapGet("/organisations", async (ISender s, CancellationToken ct) =>
        {
            var groups = (await s.Send(new ListOrganisations.Query(), ct)).Select(g => new OrganisationGroup(g.Kind, g.Organisations)).ToList();
            return TypedResults.Ok(new ListPage<OrganisationGroup>(groups, 1, 1, groups.Count, groups.Count, []));
        }).WithName("ListOrganisations").WithSummary("Organisations grouped by kind.");
        api.MapGet("/sectors", async (ISender s, CancellationToken ct) =>
        {
            var items = (await s.Send(new ListSectors.Query(), ct))
                .Select(x => new SectorItem(x.Slug, x.Name, x.Description, $"/sectors/{x.Slug}", x.Articles, x.Policies, x.Standards, x.WorkingGroups, x.Organisations)).ToList();
            return TypedResults.Ok(new ListPage<SectorItem>(items, 1, 1, items.Count, items.Count, []));
        }).WithName("ListSectors").WithSummary("The sector taxonomy with counts.");
        api.MapGet("/issues", async (ISender s, CancellationToken ct) =>
        {
            var items = (await s.Send(new ListIssues.Query(), ct)).Select(i => new IssueItem(i.Slug, i.Series, i.Title, i.Number, i.PublishedOn, i.Articles, $"/issues/{i.Slug}")).ToList();
            return TypedResults.Ok(new ListPage<IssueItem>(items, 1, 1, items.Count, items.Count, []));
        }).WithName("ListIssues").WithSummary("Published newsletter issues.");
        api.MapGet("/standards", async (HttpRequest r, ISender s, CancellationToken ct) =>
        {
            var result = await s.Send(StandardsQuery(r.Query), ct);
            return TypedResults.Ok(new ListPage<FindStandards.Row>(result.Standards, result.Page, result.PageCount, result.Total, FindStandards.PageSize, result.Messages));
        }).WithName("ListStandards").WithSummary("The standards finder: q, sector, level, status, year, committee, sort (code, date, relevance), page.");
    }

    /// <summary>One item by slug, numeric id or interchange id (a standard by its code too).</summary>
    private static void MapDetails(RouteGroupBuilder api)
    {
        api.MapGet("/articles/{key}", (string key, ISender s, CancellationToken ct) =>
            Detail(s, ItemKind.Article, key, slug => new Application.Features.Articles.GetArticle.Query(slug), ct)).WithName("GetArticle")
            .WithSummary("An article by slug, numeric id or interchange id.");
        api.MapGet("/policies/{key}", (string key, ISender s, CancellationToken ct) =>
            Detail(s, ItemKind.Policy, key, slug => new Application.Features.Policies.GetPolicy.Query(slug), ct)).WithName("GetPolicy")
            .WithSummary("A policy by slug, numeric id or interchange id.");
        api.MapGet("/standards/{key}", (string key, ISender s, CancellationToken ct) =>
            Detail(s, ItemKind.Standard, key, slug => new GetStandard.Query(slug), ct)).WithName("GetStandard")
            .WithSummary("A standard by slug, numeric id, interchange id or code in any form (gbt-50378-2019, GB/T 50378—2019 URL-encoded).");
        api.MapGet("/standards/by-code", (string code, ISender s, CancellationToken ct) =>
            Detail(s, ItemKind.Standard, code, slug => new GetStandard.Query(slug), ct)).WithName("GetStandardByCode")
            .WithSummary("A standard by its code however it is typed (?code=GB/T 50378-2019).");
        api.MapGet("/working-groups/{key}", (string key, ISender s, CancellationToken ct) =>
            Detail(s, ItemKind.WorkingGroup, key, slug => new GetWorkingGroup.Query(slug, IncludeContacts: false), ct)).WithName("GetWorkingGroup")
            .WithSummary("A committee or working group by slug or id (contacts are never included).");
        api.MapGet("/organisations/{key}", (string key, ISender s, CancellationToken ct) =>
            Detail(s, ItemKind.Organisation, key, slug => new GetOrganisation.Query(slug), ct)).WithName("GetOrganisation")
            .WithSummary("An organisation by slug or id.");
        api.MapGet("/sectors/{key}", (string key, ISender s, CancellationToken ct) =>
            Detail(s, ItemKind.Sector, key, slug => new GetSector.Query(slug), ct)).WithName("GetSector")
            .WithSummary("A sector with what is tagged with it, by slug or id.");
        api.MapGet("/issues/{key}", (string key, ISender s, CancellationToken ct) =>
            Detail(s, ItemKind.Issue, key, slug => new GetIssue.Query(slug), ct)).WithName("GetIssue")
            .WithSummary("A published issue with its sections and articles, by slug or id.");
    }

    /// <summary>Downloads: everything in the interchange format, and each list as CSV.</summary>
    private static void MapExports(RouteGroupBuilder api)
    {
        api.MapGet("/export.jsonl", async (HttpContext context, ISender s, CancellationToken ct) =>
        {
            var q = context.Request.Query;
            context.Response.ContentType = "application/x-ndjson; charset=utf-8";
            context.Response.Headers.ContentDisposition = "attachment; filename=sesec-portal.jsonl";
            await s.Send(new ExportContent.Query(context.Response.Body, q["q"].ToString(), q["kind"].ToArray()!, q["sector"].ToArray()!), ct);
        }).WithName("ExportJsonLines").Produces<string>(StatusCodes.Status200OK, "application/x-ndjson")
            .WithSummary("Everything (or what a search finds: q, kind, sector) in the interchange format, one JSON object per line.");
        api.MapGet("/standards.csv", async (HttpContext context, ISender s, CancellationToken ct) =>
            await CsvExport.StandardsAsync(context, s, StandardsQuery(context.Request.Query), ct))
            .WithName("ExportStandardsCsv").Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("The standards finder's result (same filters, every page) as CSV for spreadsheets.");
        api.MapGet("/policies.csv", async (HttpContext context, ISender s, CancellationToken ct) =>
            await CsvExport.PoliciesAsync(context, s, Pages.Policies.IndexModel.Query(context.Request.Query), ct))
            .WithName("ExportPoliciesCsv").Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("The policies list of /policies (same filters: sector, authority, kind, status, year, sort; every page) as CSV.");
        api.MapGet("/articles.csv", async (HttpContext context, ISender s, CancellationToken ct) =>
            await CsvExport.ArticlesAsync(context, s, Pages.Articles.IndexModel.Query(context.Request.Query), ct))
            .WithName("ExportArticlesCsv").Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("The published articles of /articles (same filters: sector, issue, year, tag, sort; every page) as CSV.");
        api.MapGet("/targets.csv", async (HttpContext context, ISender s, CancellationToken ct) =>
            await CsvExport.TargetsAsync(context, s, Pages.Targets.IndexModel.Query(context.Request.Query), ct))
            .WithName("ExportTargetsCsv").Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("The targets of /targets (same filters: sector, year) as CSV.");
        api.MapGet("/search.csv", async (HttpContext context, ISender s, CancellationToken ct) =>
            await CsvExport.SearchAsync(context, s, SearchRequest.From(context.Request.Query), ct))
            .WithName("ExportSearchCsv").Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("A search result (same parameters as /search, every page) as CSV.");
    }

    public static FindStandards.Query StandardsQuery(IQueryCollection q) => new(
        q["q"].ToString(), q["sector"].ToArray()!, q["level"].ToArray()!, q["status"].ToArray()!, q["year"].ToArray()!, q["committee"].ToArray()!,
        q["sort"].ToString(), q["page"].ToString(), Ics: q["ics"].ToArray()!, Ccs: q["ccs"].ToArray()!);

    private static async Task<Results<Ok<T>, NotFound>> Detail<T>(ISender sender, ItemKind kind, string key, Func<string, IQuery<T?>> query, CancellationToken ct)
        where T : class
    {
        // A code's slash arrives encoded (%2F): routing leaves it so.
        var slug = await sender.Send(new ResolveSlug.Query(kind, Uri.UnescapeDataString(key)), ct);
        var item = slug is null ? null : await sender.Send(query(slug), ct);
        return item is null ? TypedResults.NotFound() : TypedResults.Ok(item);
    }

    internal static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);
}
