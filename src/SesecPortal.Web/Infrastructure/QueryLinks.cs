using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;

namespace SesecPortal.Web.Infrastructure;

/// <summary>Addresses of a list page with one value switched on or off, another page, or another setting: the URL is the state.</summary>
internal static class QueryLinks
{
    /// <summary>Switches one value of a multi-valued filter, and goes back to page 1.</summary>
    public static string Toggle(string path, IQueryCollection query, string key, string value)
    {
        var values = query[key].ToArray();
        var next = values.Contains(value, StringComparer.OrdinalIgnoreCase)
            ? values.Where(v => !string.Equals(v, value, StringComparison.OrdinalIgnoreCase))
            : values.Append(value);
        return Build(path, query, key, [.. next.OfType<string>()], page: null);
    }

    /// <summary>Sets a single-valued setting (sort order, period), and goes back to page 1.</summary>
    public static string With(string path, IQueryCollection query, string key, string value) => Build(path, query, key, [value], page: null);

    public static string WithPage(string path, IQueryCollection query, int page) => Build(path, query, "page", [], page);

    /// <summary>Another address (a download of the same list) with only <paramref name="keys"/> carried over from this one.</summary>
    public static string Carrying(string path, IQueryCollection query, IEnumerable<string> keys)
    {
        var builder = new QueryBuilder();
        foreach (var key in keys)
        {
            foreach (var v in query[key])
            {
                if (!string.IsNullOrEmpty(v))
                {
                    builder.Add(key, v);
                }
            }
        }

        return path + builder.ToQueryString();
    }

    private static string Build(string path, IQueryCollection query, string replacedKey, IEnumerable<string> replacement, int? page)
    {
        var builder = new QueryBuilder();
        foreach (var (key, values) in query)
        {
            if (key == replacedKey || key == "page")
            {
                continue;
            }

            foreach (var v in values)
            {
                builder.Add(key, v ?? "");
            }
        }

        foreach (var v in replacement)
        {
            builder.Add(replacedKey, v);
        }

        if (page is > 1)
        {
            builder.Add("page", page.Value.ToString(CultureInfo.InvariantCulture));
        }

        return path + builder.ToQueryString();
    }
}
