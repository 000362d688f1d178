using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace M3CoreCrm.Api.Redis;

/// <summary>
/// Pings Redis. Registered with failure status Degraded: without Redis the API still serves (in-process limits and
/// caches), so /health/ready stays 200 and says "Degraded" rather than taking the instance out of the balancer.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.PingAsync();
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:F1} ms.");
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException or InvalidOperationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                "Redis is unreachable: rate limits, permission cache epochs and session revocations are per instance until it is back.", e);
        }
    }
}
