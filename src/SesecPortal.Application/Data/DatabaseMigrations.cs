using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SesecPortal.Application.Data;

public static class DatabaseMigrations
{
    /// <summary>
    /// Applies the migrations. The history table is created first, so that a new database does not log EF Core's
    /// false "Failed executing DbCommand ... __EFMigrationsHistory" error (dotnet/efcore#37328).
    /// A migration that backfills a column of a large table (a million articles) takes minutes, not the 30 seconds a
    /// page's query gets: migrations run without a command timeout.
    /// </summary>
    public static async Task ApplyMigrationsAsync(this PortalDbContext db, CancellationToken ct)
    {
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.Zero);
        try
        {
            await db.Database.MigrateAsync(ct);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
    }
}
