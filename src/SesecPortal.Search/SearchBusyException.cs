namespace SesecPortal.Search;

/// <summary>More searches are waiting than the gate queues: answer 503 with Retry-After.</summary>
public sealed class SearchBusyException : Exception
{
    public SearchBusyException() : base("Too many searches are waiting; try again shortly.")
    {
    }

    public SearchBusyException(string message) : base(message)
    {
    }

    public SearchBusyException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
