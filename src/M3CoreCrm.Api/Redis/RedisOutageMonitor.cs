namespace M3CoreCrm.Api.Redis;

/// <summary>
/// Whether Redis is usable, with one log line when an outage starts and one when it ends (never one per request).
/// After a failure Redis is skipped for a short cool-down, so a hung server costs one timeout per cool-down, not one
/// per request; then the next request probes it again.
/// </summary>
internal sealed class RedisOutageMonitor(ILogger<RedisOutageMonitor> logger, TimeProvider clock)
{
    internal static readonly TimeSpan CoolDown = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private volatile bool _down;
    private long _probeAt;
    private long _downSince;

    /// <summary>True while an outage is on (since the last failure, until a command succeeds).</summary>
    public bool IsDown => _down;

    /// <summary>Whether a command should be sent now: always when up, once per cool-down while down.</summary>
    public bool ShouldTry() => !_down || clock.GetTimestamp() >= Interlocked.Read(ref _probeAt);

    public void Failed(string reason, Exception? exception = null)
    {
        var now = clock.GetTimestamp();
        Interlocked.Exchange(ref _probeAt, now + (long)(CoolDown.TotalSeconds * clock.TimestampFrequency));
        if (_down)
        {
            return;
        }

        lock (_gate)
        {
            if (_down)
            {
                return;
            }

            _downSince = now;
            _down = true;
        }

        logger.LogWarning(exception, "Redis is unreachable ({Reason}): serving with in-process rate limits and caches until it is back", reason);
    }

    public void Succeeded()
    {
        if (!_down)
        {
            return;
        }

        long since;
        lock (_gate)
        {
            if (!_down)
            {
                return;
            }

            since = _downSince;
            _down = false;
        }

        logger.LogInformation("Redis is reachable again after {Seconds:F1} s: rate limits and caches are shared again", clock.GetElapsedTime(since).TotalSeconds);
    }
}
