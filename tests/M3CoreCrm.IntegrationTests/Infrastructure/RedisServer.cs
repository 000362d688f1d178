namespace M3CoreCrm.IntegrationTests.Infrastructure;

/// <summary>
/// A Redis server for the tests: an existing one (M3CORE_TEST_REDIS), a container when a Docker engine answers,
/// else a local redis-server child process on a free port.
/// </summary>
internal abstract class RedisServer : IAsyncDisposable
{
    internal const string ExistingServerVariable = "M3CORE_TEST_REDIS";

    /// <summary>A StackExchange.Redis configuration string.</summary>
    internal abstract string ConnectionString { get; }

    internal static async Task<RedisServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(ExistingServerVariable) is { Length: > 0 } existing)
        {
            return new ExistingRedisServer(existing);
        }

        if (await DockerEngine.IsAvailableAsync())
        {
            return await ContainerRedisServer.StartAsync();
        }

        return await LocalRedisServer.StartAsync();
    }

    /// <summary>Stops the server, as an outage would.</summary>
    internal abstract Task StopAsync();

    /// <summary>Starts it again on the same port.</summary>
    internal abstract Task StartAgainAsync();

    public abstract ValueTask DisposeAsync();

    private sealed class ExistingRedisServer(string connectionString) : RedisServer
    {
        internal override string ConnectionString => connectionString;

        internal override Task StopAsync() =>
            throw new NotSupportedException($"A server from {ExistingServerVariable} cannot be stopped by the tests.");

        internal override Task StartAgainAsync() => StopAsync();

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
