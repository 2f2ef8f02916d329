namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// What running more than one instance needs: the connection strings and instance id (<see cref="PortalDatabases"/>),
/// cache eviction that reaches every instance (each follows the change log: <see cref="ChangeFeed"/>, <see cref="PublicCacheFollower"/>),
/// queries on a standby (<see cref="ReadRouting{TMessage, TResponse}"/>), compression and static-file caching
/// (<see cref="ResponseDelivery"/>). Data Protection keys are shared through the database (Program.cs).
/// </summary>
internal static class ScaleOut
{
    /// <summary>How long after a POST the same browser reads from the primary (<c>Database:ReadYourWritesSeconds</c>).</summary>
    public static TimeSpan ReadYourWrites(IConfiguration configuration) =>
        TimeSpan.FromSeconds(configuration.GetValue("Database:ReadYourWritesSeconds", 5));

    public static IServiceCollection AddScaleOut(this IServiceCollection services, IConfiguration configuration, string primaryConnectionString)
    {
        var databases = PortalDatabases.From(configuration, primaryConnectionString);
        services.AddSingleton(databases);
        services.AddScoped<DatabaseRoute>();
        services.AddHttpContextAccessor();
        services.AddSingleton<OutputCacheEviction>();
        services.AddSingleton<Application.Common.IPublicCache>(sp => sp.GetRequiredService<OutputCacheEviction>());
        // Everything downstream of the change log: the feed runs this instance's followers, the listener wakes it.
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<Application.Changes.IChangeFeed>(sp => sp.GetRequiredService<ChangeFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFeed>());
        services.AddHostedService<ChangeNotificationListener>();
        services.AddSingleton<Application.Changes.IChangeFollower, PublicCacheFollower>();
        services.AddResponseDelivery(configuration);
        return services;
    }

    /// <summary>Compression, static files and, with a read connection, the read-your-writes cookie. In place of <c>UseStaticFiles</c>.</summary>
    public static IApplicationBuilder UseScaleOut(this IApplicationBuilder app)
    {
        app.UseResponseDelivery();
        var databases = app.ApplicationServices.GetRequiredService<PortalDatabases>();
        if (!databases.HasReadConnection)
        {
            return app;
        }

        var pinFor = ReadYourWrites(app.ApplicationServices.GetRequiredService<IConfiguration>());
        return app.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method))
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Cookies.Append(DatabaseRoute.ReadYourWritesCookie, "1", new CookieOptions
                    {
                        MaxAge = pinFor, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, IsEssential = true, Path = "/",
                    });
                    return Task.CompletedTask;
                });
            }

            await next(context);
        });
    }
}
