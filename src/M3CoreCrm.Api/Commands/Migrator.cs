using M3CoreCrm.Api.Jobs;
using M3CoreCrm.BuildingBlocks.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace M3CoreCrm.Api.Commands;

/// <summary>
/// Applies every module's migrations as the owner role, then makes the runtime role (from ConnectionStrings:Crm)
/// exist with exactly the rights it needs: no ownership, no superuser, no BYPASSRLS. Running it twice is a no-op.
/// </summary>
internal static class Migrator
{
    internal static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<CrmDatabase>();
        var owner = database.OwnerConnectionString
            ?? throw new InvalidOperationException("ConnectionStrings:CrmOwner is required to migrate.");
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Migrator));
        var contexts = services.GetServices<MigratableContext>().ToList();

        foreach (var migratable in contexts)
        {
            await using var context = migratable.Create(owner);
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Migrating schema {Schema}: {Migrations}", migratable.Schema, string.Join(", ", pending));
                await context.Database.MigrateAsync(cancellationToken);
            }
        }

        // From configuration, not database.Runtime.ConnectionString: Npgsql leaves the password out of that one, and
        // the role would get an empty password (no password at all), failing password authentication.
        var configuration = services.GetRequiredService<IConfiguration>();
        var runtime = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Crm"));
        await JobStorage.MigrateAsync(configuration, owner, cancellationToken);
        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync(cancellationToken);
        await RuntimeRole.EnsureAsync(connection, runtime, contexts.Select(c => c.Schema).Distinct().ToList(), cancellationToken);
        await JobStorage.GrantAsync(connection, configuration, runtime.Username!, cancellationToken);
        logger.LogInformation("Database is up to date; runtime role {Role} has its grants", runtime.Username);
    }
}
