using System.Threading.RateLimiting;

namespace M3CoreCrm.Modules.Identity.Infrastructure.ApiKeys;

/// <summary>
/// Unknown API keys per client address: at most <see cref="PerMinute"/> well-formed keys a minute that the database
/// does not know; after that, keys from the address are refused without a lookup until the minute is over. Malformed
/// keys (wrong shape or checksum) never reach the database at all. In process: each instance counts its own.
/// </summary>
internal sealed class ApiKeyFailureLimiter : IDisposable
{
    internal const int PerMinute = 30;

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = PerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Whether the address still has unknown-key lookups left this minute (does not use one).</summary>
    public bool Allows(string address) => _limiter.GetStatistics(address)?.CurrentAvailablePermits is not 0;

    /// <summary>Counts an unknown key from the address.</summary>
    public void RecordUnknown(string address)
    {
        using var lease = _limiter.AttemptAcquire(address);
    }

    public void Dispose() => _limiter.Dispose();
}
