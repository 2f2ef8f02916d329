namespace SesecPortal.Search;

/// <summary>
/// The index has never been built from its source (a new instance whose first build has not completed, or cannot start
/// because the database does not answer): it holds nothing yet, and "nothing found" would be untrue. Answer 503 with
/// Retry-After.
/// </summary>
public sealed class SearchNotReadyException : Exception
{
    public SearchNotReadyException() : base("The search index has not been built yet; try again shortly.")
    {
    }

    public SearchNotReadyException(string message) : base(message)
    {
    }

    public SearchNotReadyException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
