using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// How the portal answers when it cannot answer: every error status is a page for people (<c>/error/{status}</c>, with
/// a clear message and ways on) and RFC 9457 problem details (<c>application/problem+json</c>) under <c>/api</c>. A
/// transient database failure (<see cref="DatabaseFailure"/>) is a 503 with <c>Retry-After</c>, logged once per outage
/// (<see cref="DatabaseOutage"/>); any other exception a 500, logged with its stack trace.
/// </summary>
internal static class PortalErrors
{
    /// <summary>The methods the portal serves; any other is answered 405 (with <c>Allow</c>) before it reaches a page.</summary>
    public const string ServedMethods = "GET, HEAD, POST";

    /// <summary>Longest request target (path and query) the portal reads; a longer one is a 414 page.</summary>
    public const int MaxRequestTarget = 8 * 1024;

    /// <summary>Kestrel's own limit for the request line, above <see cref="MaxRequestTarget"/> so the portal answers with a page.</summary>
    public const int KestrelRequestLineLimit = 64 * 1024;

    /// <summary>Set by <see cref="ExpiredFormFilter"/>: the 400 is a form whose antiforgery token did not hold.</summary>
    public const string ExpiredFormItem = "sesec.expired-form";

    /// <summary>Set by a rate limiter for the error page: what was limited, in a sentence.</summary>
    public const string RateLimitMessageItem = "sesec.rate-limit-message";

    public static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || (context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) ?? false)
        || (context.Features.Get<IExceptionHandlerPathFeature>()?.Path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) ?? false);

    public static IServiceCollection AddPortalErrors(this IServiceCollection services)
    {
        services.AddSingleton(sp => new DatabaseOutage(
            sp.GetRequiredService<PortalDatabases>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<ILogger<DatabaseOutage>>()));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var http = context.HttpContext;
            problem.Instance ??= http.Features.Get<IExceptionHandlerPathFeature>()?.Path
                ?? http.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? http.Request.Path;
            problem.Detail ??= Describe(http, problem.Status ?? http.Response.StatusCode).Message;
            if (problem.Status == StatusCodes.Status503ServiceUnavailable || problem.Status == StatusCodes.Status429TooManyRequests)
            {
                if (int.TryParse(http.Response.Headers.RetryAfter.ToString(), out var seconds))
                {
                    problem.Extensions["retryAfterSeconds"] = seconds;
                }
            }
        });
        services.AddExceptionHandler<PortalExceptionHandler>();
        return services;
    }

    /// <summary>In place of <c>UseExceptionHandler</c> and <c>UseStatusCodePages</c>, first in the pipeline after forwarded headers.</summary>
    public static IApplicationBuilder UsePortalErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = StatusFor,
            // A database outage is logged once by DatabaseOutage, not once per request, and a request Kestrel refuses as
            // it reads it (a body over the limit) is the client's error; every other exception keeps its stack trace in
            // the log, including those answered with problem details.
            SuppressDiagnosticsCallback = context => DatabaseFailure.IsTransient(context.Exception) || context.Exception is BadHttpRequestException
                || context.Exception is SesecPortal.Search.SearchBusyException or SesecPortal.Search.SearchNotReadyException,
        });
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(context => !IsApi(context), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        return app.Use((context, next) =>
        {
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            {
                return next(context);   // the error page, for a refusal made here
            }

            var method = context.Request.Method;
            if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsPost(method) && !HttpMethods.IsOptions(method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = ServedMethods;
                return Task.CompletedTask;
            }

            if (context.Request.Path.Value?.Length + context.Request.QueryString.Value?.Length > MaxRequestTarget)
            {
                context.Response.StatusCode = StatusCodes.Status414UriTooLong;
                return Task.CompletedTask;
            }

            return next(context);
        });
    }

    /// <summary>Marks a request refused because the search queue was full (<see cref="SesecPortal.Search.SearchGate"/>).</summary>
    public const string SearchBusyItem = "sesec-search-busy";

    /// <summary>Marks a search answered before this instance's index was first built (<see cref="SesecPortal.Search.SearchNotReadyException"/>).</summary>
    public const string SearchNotReadyItem = "sesec-search-not-ready";

    /// <summary>A full search queue empties within a second or two.</summary>
    private const string SearchBusyRetryAfter = "2";

    /// <summary>The status an exception is answered with: 503 for a passing database failure or a full search queue, Kestrel's own for a bad request, else 500.</summary>
    public static int StatusFor(Exception exception) =>
        DatabaseFailure.IsTransient(exception) || exception is SesecPortal.Search.SearchBusyException or SesecPortal.Search.SearchNotReadyException
            ? StatusCodes.Status503ServiceUnavailable
        : exception is BadHttpRequestException bad ? bad.StatusCode
        : exception.InnerException is BadHttpRequestException inner ? inner.StatusCode
        : StatusCodes.Status500InternalServerError;

    /// <summary>The heading and sentence for an error status, the same on the page and in problem details.</summary>
    public static (string Heading, string Message) Describe(HttpContext context, int status) => status switch
    {
        400 when context.Items.ContainsKey(ExpiredFormItem) => ("This form has expired",
            "Forms expire after a while, and when you sign in or out in another tab. Nothing was saved. Your text is below: check it and send it again."),
        400 => ("Bad request", "The request could not be understood. Please check the address or the form and try again."),
        403 => ("Access denied", "You do not have permission to see this page."),
        404 => ("Page not found", "There is no page at this address. It may have moved, or the link may be mistyped."),
        405 => ("Method not allowed", $"This address does not answer {context.Request.Method} requests; it answers {(context.Response.Headers.Allow.Count > 0 ? context.Response.Headers.Allow.ToString() : ServedMethods)}."),
        413 => ("File too large", context.Items[ImportUploadLimitAttribute.LimitItem] is long limit
            ? $"Uploads are limited to {limit / (1024 * 1024):N0} MB. Import a larger file with the command: dotnet run --project src/SesecPortal.Web -- import FILE.jsonl"
            : "What was sent is larger than this address accepts."),
        414 => ("Address too long", $"This address is longer than the portal reads ({MaxRequestTarget:N0} characters). Searches use their first 256 characters."),
        429 => ("Too many requests", context.Items[RateLimitMessageItem] as string
            ?? $"Too many requests from this address. Try again in {context.Response.Headers.RetryAfter} seconds."),
        503 when context.Items.ContainsKey(SearchBusyItem) => ("Too many searches at once",
            $"The portal is answering more searches than it can just now; other pages are not affected. Try again in {context.Response.Headers.RetryAfter} seconds."),
        503 when context.Items.ContainsKey(SearchNotReadyItem) => ("Search is being prepared",
            $"This part of the portal is building its search index; other pages are not affected. Try again in {context.Response.Headers.RetryAfter} seconds."),
        503 => ("The portal is briefly unavailable",
            $"It cannot reach its database just now. This usually passes within a minute; nothing you did caused it. Try again in {context.Response.Headers.RetryAfter} seconds."),
        >= 500 => ("Something went wrong", "The portal could not answer this request. Please try again in a moment."),
        _ => ("Something went wrong", "The request could not be answered. Please check the address or the form and try again."),
    };

    /// <summary>
    /// Records a transient failure with the outage and sets <c>Retry-After</c>; answers <c>/api</c> with problem details.
    /// Everything else goes on to the error page, which the exception handler runs with the original method, query and form.
    /// </summary>
    private sealed class PortalExceptionHandler(DatabaseOutage outage, IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is SesecPortal.Search.SearchBusyException)
            {
                // The search queue is full: a quick refusal, never a stack trace; the reader may ask again at once.
                httpContext.Items[SearchBusyItem] = true;
                httpContext.Response.Headers.RetryAfter = SearchBusyRetryAfter;
            }

            if (exception is SesecPortal.Search.SearchNotReadyException)
            {
                // The index cannot answer yet. When the database does not answer, that is why (the index is built from
                // it): the reader sees the outage page; otherwise the first build is under way.
                if (await outage.AnswersNowAsync($"{httpContext.Request.Method} {httpContext.Request.Path}", cancellationToken))
                {
                    httpContext.Items[SearchNotReadyItem] = true;
                }

                httpContext.Response.Headers.RetryAfter = outage.RetryAfterHeader;
            }

            var transient = DatabaseFailure.IsTransient(exception);
            if (transient)
            {
                outage.Report(exception, $"{httpContext.Request.Method} {httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path}");
                httpContext.Response.Headers.RetryAfter = outage.RetryAfterHeader;
            }

            if (!IsApi(httpContext))
            {
                return false;
            }

            var status = StatusFor(exception);
            httpContext.Response.StatusCode = status;
            var (title, detail) = Describe(httpContext, status);
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
            });
        }
    }
}
