using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// Marks a form refused for its antiforgery token (expired, or made before the reader signed in or out in another tab),
/// so the 400 page says the form expired and gives the text back, ready to send again, instead of an empty 400.
/// </summary>
internal sealed class ExpiredFormFilter : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            context.HttpContext.Items[PortalErrors.ExpiredFormItem] = true;
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
