using StackExchange.Redis;

namespace M3CoreCrm.Api.Redis;

/// <summary>
/// The one Redis connection of the process (StackExchange.Redis multiplexes every caller on it). Connected when the
/// host starts; it never blocks a request on a dead server: commands fail fast while disconnected, time out quickly
/// otherwise, and <see cref="TryRunAsync{T}"/> turns any failure into "not available" so callers fall back to their
/// in-process behaviour. StackExchange.Redis reconnects by itself; the first command that succeeds ends the outage.
/// </summary>
internal sealed class RedisConnection(ConfigurationOptions options, RedisOutageMonitor monitor, ILogger<RedisConnection> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>Every key of this application starts with it, so a Redis can be shared with other software.</summary>
    internal const string KeyPrefix = "m3core:";

    private ConnectionMultiplexer? _multiplexer;

    public RedisOutageMonitor Monitor => monitor;

    /// <summary>Reads <c>ConnectionStrings:Redis</c>; timeouts named in it win over these short defaults.</summary>
    internal static ConfigurationOptions Options(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false; // start and keep serving without Redis; reconnect in the background
        options.BacklogPolicy = BacklogPolicy.FailFast; // while disconnected a command fails at once, it is not queued
        options.ReconnectRetryPolicy = new ExponentialRetry(500, 5000);
        options.ClientName ??= "m3corecrm-api";
        if (!Names(connectionString, "connectTimeout"))
        {
            options.ConnectTimeout = 2000;
        }

        if (!Names(connectionString, "syncTimeout"))
        {
            options.SyncTimeout = 500;
        }

        if (!Names(connectionString, "asyncTimeout"))
        {
            options.AsyncTimeout = 500;
        }

        return options;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
        multiplexer.ConnectionFailed += (_, e) => monitor.Failed($"{e.FailureType} on {e.EndPoint}", e.Exception);
        multiplexer.ConnectionRestored += (_, e) => logger.LogDebug("Redis connection to {EndPoint} restored", e.EndPoint);
        _multiplexer = multiplexer;
        if (!multiplexer.IsConnected)
        {
            monitor.Failed("not reachable at startup");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs <paramref name="command"/> when Redis is usable. Succeeded is false when it is not configured, not
    /// connected, cooling down after a failure, or the command failed (the outage is then recorded and logged once).
    /// </summary>
    public async Task<(bool Succeeded, T Value)> TryRunAsync<T>(Func<IDatabase, Task<T>> command)
    {
        if (_multiplexer is not { } multiplexer)
        {
            return (false, default!);
        }

        if (!multiplexer.IsConnected)
        {
            monitor.Failed("disconnected");
            return (false, default!);
        }

        if (!monitor.ShouldTry())
        {
            return (false, default!);
        }

        try
        {
            var value = await command(multiplexer.GetDatabase());
            monitor.Succeeded();
            return (true, value);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            monitor.Failed(e.GetType().Name, e);
            return (false, default!);
        }
    }

    /// <summary>A round trip for the readiness check; throws when Redis does not answer.</summary>
    public async Task<TimeSpan> PingAsync()
    {
        var multiplexer = _multiplexer ?? throw new InvalidOperationException("Redis is not connected yet.");
        try
        {
            var latency = await multiplexer.GetDatabase().PingAsync();
            monitor.Succeeded();
            return latency;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            monitor.Failed("ping failed", e);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is { } multiplexer)
        {
            _multiplexer = null;
            await multiplexer.DisposeAsync();
        }
    }

    private static bool Names(string connectionString, string option) =>
        connectionString.Contains(option + "=", StringComparison.OrdinalIgnoreCase);
}
