namespace M3CoreCrm.Api.RateLimiting;

/// <summary>One bucket a request draws a token from: its policy, partition key and quota (tokens per window).</summary>
internal readonly record struct BucketSpec(string Policy, string Key, int Quota, int WindowSeconds)
{
    /// <summary>Tokens added per second; the bucket holds at most <see cref="Quota"/>.</summary>
    public double RefillPerSecond => (double)Quota / WindowSeconds;
}

/// <summary>A bucket after the request: its tokens (taken, if the request was allowed).</summary>
internal readonly record struct BucketOutcome(BucketSpec Spec, double Tokens)
{
    /// <summary>Tolerance for floating-point refill arithmetic (a refill that lands a hair under 1 still counts as 1).</summary>
    internal const double Epsilon = 1e-9;

    /// <summary>Whole requests still available now (the <c>r</c> of the RateLimit header).</summary>
    public int Remaining => (int)Math.Floor(Math.Max(0, Tokens) + Epsilon);

    public bool Exhausted => Remaining < 1;

    /// <summary>
    /// Seconds until the next whole token (the <c>t</c> of the RateLimit header): within them the client can use no
    /// more than <see cref="Remaining"/>. For an exhausted bucket this is also its Retry-After.
    /// </summary>
    public int SecondsToNextToken
    {
        get
        {
            var missing = Remaining + 1 - Math.Max(0, Tokens);
            return Math.Max(1, (int)Math.Ceiling((missing / Spec.RefillPerSecond) - Epsilon));
        }
    }
}

/// <summary>The verdict on a request: allowed (one token taken from every bucket) or not (none taken).</summary>
internal sealed record RateLimitDecision(bool Allowed, IReadOnlyList<BucketOutcome> Buckets)
{
    /// <summary>The policies that refused the request.</summary>
    public IReadOnlyList<string> Violated => Allowed ? [] : [.. Buckets.Where(b => b.Exhausted).Select(b => b.Spec.Policy).Distinct()];

    /// <summary>When every exhausted bucket has a token again.</summary>
    public int RetryAfterSeconds => Buckets.Where(b => b.Exhausted).Select(b => b.SecondsToNextToken).DefaultIfEmpty(1).Max();
}

/// <summary>
/// Token buckets, all-or-nothing per request: a request refused by one bucket takes no token from the others, so a
/// user who is over their own quota does not use up their tenant's.
/// </summary>
internal interface IRateLimitStore
{
    ValueTask<RateLimitDecision> AcquireAsync(IReadOnlyList<BucketSpec> buckets);
}

/// <summary>The refill rule shared by both implementations (the Redis script does the same in Lua).</summary>
internal static class TokenBucketMath
{
    internal static double Refill(double tokens, double elapsedSeconds, BucketSpec spec) =>
        Math.Min(spec.Quota, tokens + (Math.Max(0, elapsedSeconds) * spec.RefillPerSecond));

    internal static bool HasToken(double tokens) => tokens >= 1 - BucketOutcome.Epsilon;
}
