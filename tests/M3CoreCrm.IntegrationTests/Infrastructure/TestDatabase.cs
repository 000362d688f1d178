using Npgsql;

namespace M3CoreCrm.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh database owned by the test owner role (as production: migrations run as the owner, the API as a runtime
/// role that the host's migrate step creates). Dropped on dispose, so a shared server is left as it was.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    internal const string OwnerRole = "m3_owner_test";
    internal const string RuntimeRole = "m3_app_test";

    private readonly PostgresServer _server;

    private TestDatabase(PostgresServer server, string name)
    {
        _server = server;
        Name = name;
    }

    internal string Name { get; }

    /// <summary>The owner role on this database: what migrations use.</summary>
    internal string OwnerConnectionString => As(OwnerRole, OwnerRole);

    /// <summary>The runtime role on this database: what the API uses (created by the migrator, not a superuser).</summary>
    internal string RuntimeConnectionString => As(RuntimeRole, RuntimeRole);

    /// <summary>The superuser on this database: to look behind row-level security.</summary>
    internal string SuperuserConnectionString => new NpgsqlConnectionStringBuilder(_server.SuperuserConnectionString) { Database = Name }.ConnectionString;

    internal static async Task<TestDatabase> CreateAsync(PostgresServer server)
    {
        var name = $"m3core_test_{Guid.NewGuid():N}"[..24];
        await using var connection = await server.OpenSuperuserAsync();
        await ExecuteAsync(connection, $"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{OwnerRole}') THEN
                    CREATE ROLE {OwnerRole} LOGIN CREATEROLE PASSWORD '{OwnerRole}';
                END IF;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- another test run created it meanwhile
            END $$;
            """);
        await ExecuteAsync(connection, $"CREATE DATABASE {name} OWNER {OwnerRole}");
        return new TestDatabase(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var connection = await _server.OpenSuperuserAsync();
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
            // the server is already gone (a throwaway cluster is deleted whole anyway)
        }
    }

    private string As(string user, string password) => new NpgsqlConnectionStringBuilder(_server.SuperuserConnectionString)
    {
        Username = user,
        Password = password,
        Database = Name,
    }.ConnectionString;

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
