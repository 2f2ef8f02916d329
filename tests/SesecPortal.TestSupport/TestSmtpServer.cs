using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SesecPortal.TestSupport;

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1 that keeps every message it is given, parsed with MimeKit,
/// so tests read what a mail client would: headers, both parts, links. Tests wait for a message to arrive (signalled on
/// each delivery), never for the clock.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> received = new();
    private readonly CancellationTokenSource stop = new();
    private readonly SmtpServer.SmtpServer server;
    private readonly Task running;
    private TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestSmtpServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stop.Token);
    }

    public int Port { get; }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Received => [.. received];

    /// <summary>A free port on 127.0.0.1 (for a server started later: the portal is configured with it first).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static TestSmtpServer Start(int? port = null) => new(port ?? FreePort());

    /// <summary>The portal's settings that send its mail here, quickly retried.</summary>
    public Dictionary<string, string> Settings() => SettingsFor(Port);

    public static Dictionary<string, string> SettingsFor(int port) => new()
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Tls"] = "None",
        ["Email:Smtp:From"] = "SesecPortal <portal@sesecportal.test>",
        ["Email:Outbox:Worker"] = "true",
        ["Email:Outbox:PollSeconds"] = "0.1",
        ["Email:Outbox:RetrySeconds"] = "0.2",
        ["Email:Outbox:LongestRetrySeconds"] = "1",
    };

    /// <summary>Waits until <paramref name="count"/> received messages match, and returns them (fails after the timeout, naming what came).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(Func<MimeMessage, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var signal = arrived.Task;
            var matching = received.Where(match).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            try
            {
                await signal.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} matching messages, got {matching.Count}. Received: " +
                    string.Join("; ", received.Select(m => $"{string.Join(",", m.To)} “{m.Subject}”")));
            }
        }
    }

    /// <summary>The one message to an address whose subject contains the text, once it has arrived.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, string subjectContains)
    {
        var found = await WaitForAsync(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase))
            && (m.Subject ?? "").Contains(subjectContains, StringComparison.OrdinalIgnoreCase));
        return found[^1];
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. received.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase)))];

    public void Clear() => received.Clear();

    private void Add(MimeMessage message)
    {
        received.Enqueue(message);
        Interlocked.Exchange(ref arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        server.Shutdown();
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, SmtpServer.IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream();
            foreach (var segment in buffer)
            {
                stream.Write(segment.Span);
            }

            stream.Position = 0;
            owner.Add(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
