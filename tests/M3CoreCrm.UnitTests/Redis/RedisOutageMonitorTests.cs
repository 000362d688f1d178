using M3CoreCrm.Api.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace M3CoreCrm.UnitTests.Redis;

public sealed class RedisOutageMonitorTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly ListLogger<RedisOutageMonitor> _logger = new();
    private readonly RedisOutageMonitor _monitor;

    public RedisOutageMonitorTests() => _monitor = new RedisOutageMonitor(_logger, _clock);

    [Fact]
    public void An_outage_is_logged_once_however_many_requests_fail_and_its_end_once()
    {
        for (var i = 0; i < 100; i++)
        {
            _monitor.Failed("disconnected");
        }

        Assert.True(_monitor.IsDown);
        Assert.Equal([LogLevel.Warning], _logger.Levels);

        _monitor.Succeeded();
        _monitor.Succeeded();

        Assert.False(_monitor.IsDown);
        Assert.Equal([LogLevel.Warning, LogLevel.Information], _logger.Levels);

        _monitor.Failed("timeout");
        Assert.Equal([LogLevel.Warning, LogLevel.Information, LogLevel.Warning], _logger.Levels);
    }

    [Fact]
    public void While_down_redis_is_probed_once_per_cool_down_not_per_request()
    {
        Assert.True(_monitor.ShouldTry());

        _monitor.Failed("timeout");
        Assert.False(_monitor.ShouldTry());

        _clock.Advance(RedisOutageMonitor.CoolDown);
        Assert.True(_monitor.ShouldTry());

        _monitor.Failed("timeout again");
        Assert.False(_monitor.ShouldTry());
    }

    [Fact]
    public void Success_without_an_outage_logs_nothing()
    {
        _monitor.Succeeded();

        Assert.Empty(_logger.Levels);
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<LogLevel> Levels { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Levels.Add(logLevel);
    }
}

public sealed class RedisConnectionOptionsTests
{
    [Fact]
    public void Connection_options_never_abort_on_connect_failure_and_time_out_quickly()
    {
        var options = RedisConnection.Options("localhost:6379");

        Assert.False(options.AbortOnConnectFail);
        Assert.Equal(2000, options.ConnectTimeout);
        Assert.Equal(500, options.AsyncTimeout);
        Assert.Equal(500, options.SyncTimeout);
        Assert.Equal(StackExchange.Redis.BacklogPolicy.FailFast, options.BacklogPolicy);
    }

    [Fact]
    public void Timeouts_named_in_the_connection_string_win()
    {
        var options = RedisConnection.Options("localhost:6379,connectTimeout=5000,asyncTimeout=1500,abortConnect=true");

        Assert.Equal(5000, options.ConnectTimeout);
        Assert.Equal(1500, options.AsyncTimeout);
        Assert.False(options.AbortOnConnectFail);
    }
}
