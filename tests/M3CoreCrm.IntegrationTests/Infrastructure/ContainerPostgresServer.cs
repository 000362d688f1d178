using Npgsql;
using Testcontainers.PostgreSql;

namespace M3CoreCrm.IntegrationTests.Infrastructure;

/// <summary>PostgreSQL 15 in a container, bound to a fixed host port so a restart keeps the connection string.</summary>
internal sealed class ContainerPostgresServer : PostgresServer
{
    private readonly PostgreSqlContainer _container;
    private readonly int _port;

    private ContainerPostgresServer(PostgreSqlContainer container, int port)
    {
        _container = container;
        _port = port;
    }

    internal override string SuperuserConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _port,
        Username = "postgres",
        Password = "postgres",
        Database = "postgres",
    }.ConnectionString;

    internal override string Kind => "container";

    internal static new async Task<ContainerPostgresServer> StartAsync()
    {
        var port = FreePort.Next();
        var container = new PostgreSqlBuilder("postgres:15")
            .WithUsername("postgres")
            .WithPassword("postgres")
            .WithPortBinding(port, 5432)
            .WithCommand("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=400")
            .Build();
        await container.StartAsync();
        return new ContainerPostgresServer(container, port);
    }

    internal override Task StopAsync() => _container.StopAsync();

    /// <summary>Testcontainers runs the readiness check again on start.</summary>
    internal override Task StartAgainAsync() => _container.StartAsync();

    public override ValueTask DisposeAsync() => _container.DisposeAsync();
}
