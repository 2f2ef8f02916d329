using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SesecPortal.Application.Data;

public static class DatabaseMigrations
{
    /// <summary>
    /// Applies the migrations. The history table is created first, so that a new database does not log EF Core's
    /// false "Failed executing DbCommand ... __EFMigrationsHistory" error (dotnet/efcore#37328).
    /// </summary>
    public static async Task ApplyMigrationsAsync(this PortalDbContext db, CancellationToken ct)
    {
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        await db.Database.MigrateAsync(ct);
    }
}
