namespace SesecPortal.Application.Data;

/// <summary>
/// SQL functions the queries call; mapped in <see cref="PortalDbContext"/>. The function <c>sesec_spelling</c> was
/// dropped with the PostgreSQL search path (migration <c>OneSearchPathLucene</c>): this mapping only keeps the standards
/// finder compiling until its rewrite onto the search index lands; delete it then, with its mapping.
/// </summary>
public static class SearchFunctions
{
    public static string Spelling(string text) => throw new InvalidOperationException("Only for use in database queries.");
}
