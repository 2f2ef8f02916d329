using Microsoft.AspNetCore.Mvc.Rendering;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Web.Infrastructure;

/// <summary>The options of an editor form's drop-down lists, in the words readers see.</summary>
internal static class EditorOptions
{
    public static IEnumerable<SelectListItem> Of<TEnum>(Func<TEnum, string>? label = null)
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(v => new SelectListItem(label is null ? Words(v.ToString()) : label(v), v.ToString()));

    public static IEnumerable<SelectListItem> Of(IEnumerable<GetEditorChoices.Choice> choices) =>
        choices.Select(c => new SelectListItem(c.Label, c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>"DraftForComments" becomes "Draft for comments".</summary>
    public static string Words(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var ch = name[i];
            if (i > 0 && char.IsUpper(ch))
            {
                sb.Append(' ').Append(char.ToLowerInvariant(ch));
            }
            else
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }
}
