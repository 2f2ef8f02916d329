namespace SesecPortal.Application.Domain;

/// <summary>
/// An interchange file uploaded on <c>/admin/import</c> and imported in the background: where it is, how far it got and,
/// once finished, its report. Kept in the database so that any instance can show its progress.
/// </summary>
public sealed class ImportJob
{
    /// <summary>The first refused lines kept in the report (the import command lists them all).</summary>
    public const int ReportedLines = 50;

    public Guid Id { get; set; }
    public required string FileName { get; set; }
    public long Bytes { get; set; }
    public long BytesRead { get; set; }
    public int Lines { get; set; }
    public ImportState State { get; set; }
    /// <summary>The import's summary ("120 lines read: added ..."), or why it stopped.</summary>
    public string? Summary { get; set; }
    /// <summary>The first refused lines, one a line.</summary>
    public string? Report { get; set; }
    public int ErrorCount { get; set; }
    public required string QueuedBy { get; set; }
    /// <summary>The instance that holds the file and runs the import.</summary>
    public required string Instance { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>The last sign of life: a running import that has not moved for a while was stopped with its instance.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum ImportState
{
    Queued,
    Running,
    Finished,
    Failed,
}
