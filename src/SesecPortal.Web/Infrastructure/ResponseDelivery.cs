using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// How responses leave the portal: Brotli or gzip for text, long-lived caching for fingerprinted static files, and no
/// synchronous I/O.
/// </summary>
internal static class ResponseDelivery
{
    /// <summary>What a file requested with <c>asp-append-version</c>'s <c>?v=</c> hash gets: its URL changes with its content.</summary>
    public const string FingerprintedCacheControl = "public, max-age=31536000, immutable";

    /// <summary>Any other static file: its URL stays the same when it changes, so browsers ask again after ten minutes.</summary>
    public const string PlainCacheControl = "public, max-age=600";

    public static IServiceCollection AddResponseDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddResponseCompression(options =>
        {
            // Off by default for HTTPS (BREACH): the portal normally runs behind a proxy that ends TLS, or on loopback.
            // Turning it on is reasonable: antiforgery tokens are fresh random Data Protection payloads on every
            // response and cookies travel in headers, so a compression oracle has no stable secret to recover.
            options.EnableForHttps = configuration.GetValue("Compression:EnableForHttps", false);
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "text/calendar", "image/svg+xml"];
        });
        // Fastest: pages are compressed on every response (the output cache keeps them uncompressed), so CPU matters
        // more than the last few per cent of size.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        // The default, stated so that nobody turns it on to make a library work: synchronous reads and writes of a
        // request or response body block a thread-pool thread, which is what runs out first under load.
        services.Configure<KestrelServerOptions>(o => o.AllowSynchronousIO = false);
        return services;
    }

    /// <summary>Compression (outside the output cache and static files, so both are compressed) and static files.</summary>
    public static IApplicationBuilder UseResponseDelivery(this IApplicationBuilder app)
    {
        app.UseResponseCompression();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                context.Context.Response.Headers.CacheControl = context.Context.Request.Query.ContainsKey("v") ? FingerprintedCacheControl : PlainCacheControl;
                // Static answers are logged at Debug (PortalLogging): under load they are most of the requests.
                context.Context.Items[PortalLogging.StaticFileItem] = true;
            },
        });
        return app;
    }
}
