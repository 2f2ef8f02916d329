using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SesecPortal.Web.Infrastructure;

internal static class ModelStateExtensions
{
    /// <summary>Shows a command's validation failures next to the fields they are about (<c>Input.Email</c>).</summary>
    public static void AddValidationErrors(this ModelStateDictionary modelState, ValidationException exception, string prefix)
    {
        foreach (var error in exception.Errors)
        {
            var key = string.IsNullOrEmpty(error.PropertyName) ? string.Empty : $"{prefix}.{error.PropertyName}";
            modelState.AddModelError(key, error.ErrorMessage);
        }
    }
}
