namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// A request whose client went away (a closed tab, a load tester stopping) cancels its work; that cancellation is not a
/// server error. It is logged as 499 ("client closed request", as nginx names it) instead of a 500 with a stack trace,
/// so the error log holds only real failures. A cancellation wrapped by Entity Framework or Npgsql (a transaction or a
/// query stopped half-way) counts too. Any other exception goes on to the exception handler.
/// </summary>
internal static class ClientAborts
{
    public const int ClientClosedRequest = 499;

    public static IApplicationBuilder UseClientAborts(this IApplicationBuilder app) => app.Use(InvokeAsync);

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (context.RequestAborted.IsCancellationRequested && PortalLogging.IsCancellation(ex))
        {
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = ClientClosedRequest;
            }
        }
    }
}
