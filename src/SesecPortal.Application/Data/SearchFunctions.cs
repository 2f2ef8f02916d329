namespace SesecPortal.Application.Data;

/// <summary>SQL functions the queries call; mapped in <see cref="PortalDbContext"/>.</summary>
public static class SearchFunctions
{
    /// <summary>
    /// <c>sesec_spelling(text)</c>: lower case, British -ise/-isation/-yse spellings folded to -ize/-ization/-yze, so that
    /// "standardisation" and "standardization" are one word to full-text search. Immutable (used by a generated column).
    /// </summary>
    public const string CreateSpellingFunction = """
        CREATE OR REPLACE FUNCTION sesec_spelling(t text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $fn$
          SELECT regexp_replace(
                   regexp_replace(lower(t), '([a-z]{3,})is(ation|ations|e|es|ed|er|ers|ing)\M', '\1iz\2', 'g'),
                 '([a-z]{2,})ys(e|es|ed|er|ers|ing)\M', '\1yz\2', 'g')
        $fn$;
        """;

    public static string Spelling(string text) => throw new InvalidOperationException("Only for use in database queries.");
}
