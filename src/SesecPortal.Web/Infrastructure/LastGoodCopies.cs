using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// Keeps the last good copy of every cached public page, and serves it while the database does not answer.
/// <para>
/// It wraps the output cache's store (<see cref="IOutputCacheStore"/>): every page the output cache stores is also kept
/// here, in a memory cache of its own (<c>OutputCache:LastGoodSizeLimitMB</c>, <c>OutputCache:LastGoodHours</c>). Expiry and
/// eviction by tag reach only the output cache's entry, whoever asks for the eviction (a publish on this instance, a
/// notification from another, a change-log follower): the last good copy is never served while the database answers, so it
/// cannot hide a change. When <see cref="DatabaseOutage.IsDown"/>, a lookup that the output cache misses returns the copy
/// instead, and the output cache serves it as a hit, with its <c>Age</c>. While the cache holds the page the bytes are
/// shared, so the copies cost memory only for pages the output cache has let go.
/// </para>
/// <para>
/// A request that fails because the database has just gone away is tried once more (<see cref="UseLastGoodCopies"/>):
/// the failure opened the outage, so the second pass finds the copy. A stale copy says so: a <c>Warning: 110</c> header
/// on every response, and on HTML pages a notice at the top of the content saying when the copy was made.
/// </para>
/// </summary>
internal sealed class LastGoodCopies(IOutputCacheStore inner, DatabaseOutage outage, IHttpContextAccessor http, long sizeLimitBytes, TimeSpan keepFor, TimeProvider clock)
    : IOutputCacheStore, IDisposable
{
    /// <summary>Where the layout marks the place for the notice (an HTML comment, invisible on a fresh page).</summary>
    public const string NoticeMarker = "<!--sesec:last-good-copy-->";

    private const string KeyItem = "sesec.output-cache-key";
    private const string StaleItem = "sesec.last-good-copy";

    private readonly MemoryCache copies = new(new MemoryCacheOptions { SizeLimit = sizeLimitBytes });

    /// <summary>Wraps the store the output cache registered, once <c>AddOutputCache</c> has run.</summary>
    public static IServiceCollection Decorate(IServiceCollection services, IConfiguration configuration)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IOutputCacheStore))
            ?? throw new InvalidOperationException("AddOutputCache must come before LastGoodCopies.Decorate.");
        services.Remove(registered);
        services.AddSingleton(sp =>
        {
            var store = registered.ImplementationInstance as IOutputCacheStore
                ?? (IOutputCacheStore?)registered.ImplementationFactory?.Invoke(sp)
                ?? (IOutputCacheStore)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
            return new LastGoodCopies(
                store, sp.GetRequiredService<DatabaseOutage>(), sp.GetRequiredService<IHttpContextAccessor>(),
                configuration.GetValue("OutputCache:LastGoodSizeLimitMB", 64L) * 1024 * 1024,
                TimeSpan.FromHours(configuration.GetValue("OutputCache:LastGoodHours", 24.0)), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IOutputCacheStore>(sp => sp.GetRequiredService<LastGoodCopies>());
        return services;
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var fresh = await inner.GetAsync(key, cancellationToken);
        if (fresh is not null)
        {
            return fresh;
        }

        var context = http.HttpContext;
        if (context is not null)
        {
            context.Items[KeyItem] = key;
        }

        if (outage.IsDown && copies.TryGetValue(key, out Copy? copy) && copy is not null)
        {
            if (context is not null)
            {
                context.Items[StaleItem] = copy.SavedAt;
                // Only a copy served pays for marking; every other response keeps the server's own body writer.
                LastGoodCopiesMiddleware.MarkAsCopy(context, copy.SavedAt);
            }

            return copy.Value;
        }

        return null;
    }

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        copies.Set(key, new Copy(value, clock.GetUtcNow()), new MemoryCacheEntryOptions { Size = value.Length, AbsoluteExpirationRelativeToNow = keepFor });
        return inner.SetAsync(key, value, tags, validFor, cancellationToken);
    }

    /// <summary>Evicts the output cache's entries; the last good copies stay, to be served only while the database is down.</summary>
    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);

    /// <summary>Whether the output cache missed <paramref name="context"/>'s page and a last good copy of it is kept.</summary>
    public bool HasCopyFor(HttpContext context) => context.Items[KeyItem] is string key && copies.TryGetValue(key, out _);

    /// <summary>When the copy served to <paramref name="context"/> was made; null when it was not served a last good copy.</summary>
    public static DateTimeOffset? ServedCopy(HttpContext context) => context.Items[StaleItem] as DateTimeOffset?;

    public void Dispose() => copies.Dispose();

    private sealed record Copy(byte[] Value, DateTimeOffset SavedAt);
}

internal static class LastGoodCopiesMiddleware
{
    /// <summary>
    /// Right before <c>UseOutputCache</c>: a GET whose page failed because the database went away is answered with the
    /// last good copy when one is kept (a second pass through the output cache, which now serves it); a copy served is
    /// marked as one. Without a copy the failure goes on to the exception handler (503).
    /// </summary>
    public static IApplicationBuilder UseLastGoodCopies(this IApplicationBuilder app)
    {
        var copies = app.ApplicationServices.GetRequiredService<LastGoodCopies>();
        var outage = app.ApplicationServices.GetRequiredService<DatabaseOutage>();
        return app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }

            try
            {
                try
                {
                    await next(context);
                }
                catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested
                    && DatabaseFailure.IsTransient(ex) && copies.HasCopyFor(context))
                {
                    outage.Report(ex, $"{context.Request.Method} {context.Request.Path}");
                    Unmark(context);
                    context.Response.Clear();
                    await next(context);
                }

                if (context.Items[MarkingItem] is StaleMarkingStream marking)
                {
                    await marking.CompleteAsync(context.RequestAborted);
                }
            }
            finally
            {
                Unmark(context);
            }
        });
    }

    private const string MarkingItem = "sesec.last-good-copy.marking";

    /// <summary>Called by the store as it hands out a copy: the response body goes through the marking stream from now on.</summary>
    public static void MarkAsCopy(HttpContext context, DateTimeOffset savedAt)
    {
        if (context.Items[MarkingItem] is null)
        {
            var marking = new StaleMarkingStream(context, context.Response.Body, savedAt);
            context.Items[MarkingItem] = marking;
            context.Response.Body = marking;
        }
    }

    private static void Unmark(HttpContext context)
    {
        if (context.Items[MarkingItem] is StaleMarkingStream marking)
        {
            context.Items.Remove(MarkingItem);
            context.Response.Body = marking.Inner;
        }
    }

    /// <summary>
    /// Passes the response through untouched, unless it is a last good copy: then it adds <c>Warning: 110</c> and, for
    /// HTML, holds the page (a page, not a download) to put the notice where the layout marked its place.
    /// </summary>
    private sealed class StaleMarkingStream(HttpContext context, Stream inner, DateTimeOffset saved) : Stream
    {
        private MemoryStream? held;
        private bool decided;

        public Stream Inner => inner;

        private bool Holding()
        {
            if (!decided)
            {
                decided = true;
                context.Response.Headers.Warning = "110 - \"Response is Stale\"";
                context.Response.Headers["Sesec-Last-Good-Copy"] = saved.ToString("R", CultureInfo.InvariantCulture);
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    held = new MemoryStream();
                }
            }

            return held is not null;
        }

        public async Task CompleteAsync(CancellationToken ct)
        {
            if (!decided && !context.Response.HasStarted)
            {
                Holding();   // a HEAD, or an empty body: the headers still say what it is
            }

            if (held is null)
            {
                return;
            }

            var html = Encoding.UTF8.GetString(held.GetBuffer(), 0, (int)held.Length);
            held = null;
            var notice = "<p class=\"notice notice-stale\" role=\"status\"><strong>A saved copy.</strong> The portal cannot reach its database just now, so this is "
                + $"the page as it was at {saved.ToUniversalTime().ToString("HH:mm 'UTC on' d MMMM yyyy", CultureInfo.InvariantCulture)}; "
                + "it may not show the latest changes. Editing and search come back when the database does.</p>";
            var marked = html.Contains(LastGoodCopies.NoticeMarker, StringComparison.Ordinal)
                ? html.Replace(LastGoodCopies.NoticeMarker, notice, StringComparison.Ordinal)
                : html;
            var bytes = Encoding.UTF8.GetBytes(marked);
            context.Response.ContentLength = bytes.Length;
            await inner.WriteAsync(bytes, ct);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
            if (!Holding())
            {
                inner.Flush();
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Holding() ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Holding())
            {
                held!.Write(buffer, offset, count);
            }
            else
            {
                inner.Write(buffer, offset, count);
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Holding())
            {
                held!.Write(buffer.Span);
                return ValueTask.CompletedTask;
            }

            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
