using M3CoreCrm.Modules.Tenancy.Contracts;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace M3CoreCrm.Api.RateLimiting;

/// <summary>
/// A tenant's requests per minute: its plan limit (tenants.requests_per_minute) or the configured default. Cached
/// briefly in process, so the hot path costs no query and a plan change applies within the cache time.
/// </summary>
internal sealed class TenantQuotas(IMemoryCache cache, IOptions<RateLimitingOptions> options)
{
    public async ValueTask<int> RequestsPerMinuteAsync(Guid tenantId, IServiceProvider requestServices, CancellationToken ct)
    {
        var key = $"rate-limit-plan:{tenantId}";
        if (!cache.TryGetValue(key, out int? planLimit))
        {
            var tenant = await requestServices.GetRequiredService<ITenantDirectory>().FindAsync(tenantId, ct);
            planLimit = tenant?.Limits.RequestsPerMinute;
            cache.Set(key, planLimit, TimeSpan.FromSeconds(options.Value.TenantLimitsCacheSeconds));
        }

        return planLimit is > 0 ? planLimit.Value : options.Value.Tenant.RequestsPerMinute;
    }
}
