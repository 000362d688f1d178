namespace M3CoreCrm.Api.RateLimiting;

/// <summary>
/// Token buckets in this process: the single-machine default, and the fallback while Redis is unreachable. One lock
/// guards all buckets: the critical section is a few arithmetic operations, and one lock makes the all-or-nothing
/// rule over several buckets trivially deadlock-free. Buckets that have refilled completely are dropped once a
/// minute (a full bucket and a missing one are the same), so memory follows the active clients only.
/// </summary>
internal sealed class InProcessRateLimitStore(TimeProvider clock) : IRateLimitStore
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _lastSweep = clock.GetTimestamp();

    internal int Count
    {
        get
        {
            lock (_lock)
            {
                return _buckets.Count;
            }
        }
    }

    public ValueTask<RateLimitDecision> AcquireAsync(IReadOnlyList<BucketSpec> buckets) => ValueTask.FromResult(Acquire(buckets));

    internal RateLimitDecision Acquire(IReadOnlyList<BucketSpec> specs)
    {
        var now = clock.GetTimestamp();
        var outcomes = new BucketOutcome[specs.Count];
        lock (_lock)
        {
            SweepIfDue(now);
            var current = new Bucket[specs.Count];
            var allowed = true;
            for (var i = 0; i < specs.Count; i++)
            {
                var spec = specs[i];
                var key = StoreKey(spec);
                if (!_buckets.TryGetValue(key, out var bucket))
                {
                    bucket = new Bucket { Tokens = spec.Quota, UpdatedAt = now };
                    _buckets[key] = bucket;
                }

                bucket.Tokens = TokenBucketMath.Refill(bucket.Tokens, Seconds(bucket.UpdatedAt, now), spec);
                bucket.UpdatedAt = now;
                bucket.Quota = spec.Quota;
                bucket.RefillPerSecond = spec.RefillPerSecond;
                allowed &= TokenBucketMath.HasToken(bucket.Tokens);
                current[i] = bucket;
            }

            for (var i = 0; i < specs.Count; i++)
            {
                if (allowed)
                {
                    current[i].Tokens = Math.Max(0, current[i].Tokens - 1);
                }

                outcomes[i] = new BucketOutcome(specs[i], current[i].Tokens);
            }

            return new RateLimitDecision(allowed, outcomes);
        }
    }

    private void SweepIfDue(long now)
    {
        if (Seconds(_lastSweep, now) < SweepEvery.TotalSeconds)
        {
            return;
        }

        _lastSweep = now;
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.Tokens + (Seconds(bucket.UpdatedAt, now) * bucket.RefillPerSecond) >= bucket.Quota)
            {
                _buckets.Remove(key);
            }
        }
    }

    private double Seconds(long from, long to) => (double)(to - from) / clock.TimestampFrequency;

    private static string StoreKey(BucketSpec spec) => $"{spec.Policy}|{spec.Key}";

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public long UpdatedAt { get; set; }

        public int Quota { get; set; }

        public double RefillPerSecond { get; set; }
    }
}
