using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace SesecPortal.TestSupport;

/// <summary>
/// Keeps the log events the portal writes (register it as an <see cref="ILogEventSink"/> service: the portal's Serilog
/// reads its sinks from the services), so a test can assert what was logged and at which level.
/// </summary>
public sealed class CapturingLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    public IReadOnlyList<LogEvent> Events => [.. events];

    public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);

    public void Clear() => events.Clear();

    /// <summary>The events at <paramref name="level"/> or above, with their source and rendered message, for assertions.</summary>
    public IReadOnlyList<(LogEventLevel Level, string Source, string Message, Exception? Exception)> AtLeast(LogEventLevel level) =>
        [.. Events.Where(e => e.Level >= level).Select(e => (e.Level, Source(e), e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture), e.Exception))];

    public static string Source(LogEvent e) =>
        e.Properties.TryGetValue("SourceContext", out var value) && value is ScalarValue { Value: string s } ? s : "";
}
