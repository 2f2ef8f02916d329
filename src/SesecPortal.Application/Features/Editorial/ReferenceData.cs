using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>What the reference-data editors (policies, standards, committees, organisations, sectors) share.</summary>
public static class ReferenceData
{
    /// <summary>Rows of a page of an editor's list.</summary>
    public const int PageSize = 50;

    /// <summary>An absolute http or https address, or nothing.</summary>
    public static bool IsWebAddress(string? text) =>
        string.IsNullOrWhiteSpace(text)
        || (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    public const string WebAddressMessage = "Enter a full web address starting with http:// or https://.";

    public const string SlugMessage = "Use lower-case letters, digits and single hyphens (like gb-t-50378-2019), or leave it empty to make one from the title.";

    /// <summary>An empty slug (one is generated) or a well-formed one.</summary>
    public static bool IsSlugOrEmpty(string? slug) => string.IsNullOrWhiteSpace(slug) || Slug.IsValid(slug.Trim());

    /// <summary>
    /// The slug to store: the one typed, or one made from <paramref name="title"/>, made unique among
    /// <paramref name="taken"/> by a number (-2, -3...) when generated.
    /// </summary>
    public static async Task<string> SlugAsync(string? typed, string title, IQueryable<string> taken, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(typed))
        {
            return typed.Trim();
        }

        var root = Slug.From(title);
        if (root.Length == 0)
        {
            root = "item";
        }

        var existing = await taken.Where(s => s == root || s.StartsWith(root + "-")).ToListAsync(ct);
        var slug = root;
        for (var n = 2; existing.Contains(slug); n++)
        {
            slug = $"{root}-{n}";
        }

        return slug;
    }

    /// <summary>Refuses a command with one message next to one field.</summary>
    public static ValidationException Refuse(string property, string message) => new([new ValidationFailure(property, message)]);

    public static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Moves the row at <paramref name="index"/> one place up or down; rows out of range stay put.</summary>
    public static void Move<T>(List<T> rows, int index, bool up)
    {
        var other = up ? index - 1 : index + 1;
        if (index < 0 || index >= rows.Count || other < 0 || other >= rows.Count)
        {
            return;
        }

        (rows[index], rows[other]) = (rows[other], rows[index]);
    }
}
