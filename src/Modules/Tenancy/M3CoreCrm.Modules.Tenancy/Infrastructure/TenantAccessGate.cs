using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Tenancy.Contracts;
using Microsoft.Extensions.Caching.Memory;

namespace M3CoreCrm.Modules.Tenancy.Infrastructure;

/// <summary>
/// Refuses every request of a suspended (or deleted) tenant with 403. The status is cached for a few seconds so the
/// hot path costs no query; suspension takes effect within that time on every instance. Scoped: the directory is the
/// request's, and the cache (singleton) is what outlives it.
/// </summary>
internal sealed class TenantAccessGate(IMemoryCache cache, ITenantDirectory tenants) : ITenantAccessGate
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    public async ValueTask EnsureAccessAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(Key(tenantId), out TenantStatus? status))
        {
            var tenant = await tenants.FindAsync(tenantId, cancellationToken);
            status = tenant?.Status;
            cache.Set(Key(tenantId), status, CacheFor);
        }

        if (status != TenantStatus.Active)
        {
            throw Problems.Forbidden("tenant.suspended", "This tenant is suspended; contact your administrator.");
        }
    }

    public void Forget(Guid tenantId) => cache.Remove(Key(tenantId));

    private static string Key(Guid tenantId) => $"tenant-status:{tenantId}";
}
