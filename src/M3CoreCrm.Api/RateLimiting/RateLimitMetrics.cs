using System.Diagnostics.Metrics;

namespace M3CoreCrm.Api.RateLimiting;

/// <summary>Counters on /metrics: requests refused per policy, and decisions made in process because Redis was unreachable.</summary>
internal sealed class RateLimitMetrics
{
    internal const string MeterName = "M3CoreCrm.RateLimiting";

    private readonly Counter<long> _rejected;
    private readonly Counter<long> _fallbacks;

    public RateLimitMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _rejected = meter.CreateCounter<long>("m3core.rate_limit.rejected", "{request}", "Requests refused with 429, per violated policy.");
        _fallbacks = meter.CreateCounter<long>("m3core.rate_limit.fallbacks", "{request}", "Rate-limit decisions made in process because Redis was unreachable.");
    }

    public void Rejected(IEnumerable<string> policies)
    {
        foreach (var policy in policies)
        {
            _rejected.Add(1, new KeyValuePair<string, object?>("policy", policy));
        }
    }

    public void FellBack() => _fallbacks.Add(1);
}
