using Testcontainers.Redis;

namespace M3CoreCrm.IntegrationTests.Infrastructure;

/// <summary>Redis 7 in a container, bound to a fixed host port so a restart keeps the connection string.</summary>
internal sealed class ContainerRedisServer : RedisServer
{
    private readonly RedisContainer _container;
    private readonly int _port;

    private ContainerRedisServer(RedisContainer container, int port)
    {
        _container = container;
        _port = port;
    }

    internal override string ConnectionString => $"127.0.0.1:{_port},abortConnect=false";

    internal static new async Task<ContainerRedisServer> StartAsync()
    {
        var port = FreePort.Next();
        var container = new RedisBuilder("redis:7").WithPortBinding(port, 6379).Build();
        await container.StartAsync();
        return new ContainerRedisServer(container, port);
    }

    internal override Task StopAsync() => _container.StopAsync();

    internal override Task StartAgainAsync() => _container.StartAsync();

    public override ValueTask DisposeAsync() => _container.DisposeAsync();
}
