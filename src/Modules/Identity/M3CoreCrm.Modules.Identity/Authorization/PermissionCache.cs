using M3CoreCrm.BuildingBlocks.Authorization;
using Microsoft.Extensions.Caching.Memory;

namespace M3CoreCrm.Modules.Identity.Authorization;

/// <summary>
/// Effective permissions per (tenant, actor) for a minute. Any role, grant, group or user change calls
/// <see cref="Invalidate"/>, which moves the tenant to a new epoch: every cached entry of the tenant is then stale.
/// </summary>
internal sealed class PermissionCache(IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    public async Task<EffectivePermissions> GetOrLoadAsync(Guid tenantId, string actorKey, Func<Task<EffectivePermissions>> load)
    {
        var key = $"permissions:{tenantId}:{Epoch(tenantId)}:{actorKey}";
        if (cache.TryGetValue(key, out EffectivePermissions? cached) && cached is not null)
        {
            return cached;
        }

        var loaded = await load();
        cache.Set(key, loaded, CacheFor);
        return loaded;
    }

    public void Invalidate(Guid tenantId) => cache.Set(EpochKey(tenantId), Epoch(tenantId) + 1, TimeSpan.FromHours(1));

    private long Epoch(Guid tenantId) => cache.TryGetValue(EpochKey(tenantId), out long epoch) ? epoch : 0;

    private static string EpochKey(Guid tenantId) => $"permissions-epoch:{tenantId}";
}
