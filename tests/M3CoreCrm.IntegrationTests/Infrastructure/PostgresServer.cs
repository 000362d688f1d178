using Npgsql;

namespace M3CoreCrm.IntegrationTests.Infrastructure;

/// <summary>
/// A PostgreSQL server for the tests, with a superuser connection string. Chosen in this order: an existing server
/// (M3CORE_TEST_POSTGRES), a container when a Docker engine answers, else a throwaway cluster from local binaries.
/// </summary>
internal abstract class PostgresServer : IAsyncDisposable
{
    internal const string ExistingServerVariable = "M3CORE_TEST_POSTGRES";

    /// <summary>A superuser connection string to the "postgres" database.</summary>
    internal abstract string SuperuserConnectionString { get; }

    /// <summary>A human-readable origin, for diagnostics.</summary>
    internal abstract string Kind { get; }

    internal static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(ExistingServerVariable) is { Length: > 0 } existing)
        {
            return new ExistingPostgresServer(existing);
        }

        if (await DockerEngine.IsAvailableAsync())
        {
            return await ContainerPostgresServer.StartAsync();
        }

        return await LocalPostgresCluster.StartAsync();
    }

    /// <summary>Stops the server, keeping its data, as an outage would.</summary>
    internal abstract Task StopAsync();

    /// <summary>Starts it again on the same port with the same data.</summary>
    internal abstract Task StartAgainAsync();

    public abstract ValueTask DisposeAsync();

    /// <summary>Opens a superuser connection to the given database (default: postgres).</summary>
    internal async Task<NpgsqlConnection> OpenSuperuserAsync(string? database = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(SuperuserConnectionString);
        if (database is not null)
        {
            builder.Database = database;
        }

        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>An existing server: not ours to stop or remove.</summary>
    private sealed class ExistingPostgresServer(string connectionString) : PostgresServer
    {
        internal override string SuperuserConnectionString => connectionString;

        internal override string Kind => ExistingServerVariable;

        internal override Task StopAsync() =>
            throw new NotSupportedException($"A server from {ExistingServerVariable} cannot be stopped by the tests.");

        internal override Task StartAgainAsync() => StopAsync();

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
