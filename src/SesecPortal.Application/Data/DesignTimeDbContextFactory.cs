using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SesecPortal.Application.Data;

/// <summary>For <c>dotnet ef migrations add</c>: no database is contacted to create a migration.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDbContext.Configure(builder, "Host=127.0.0.1;Database=sesecportal_design");
        return new PortalDbContext(builder.Options);
    }
}
