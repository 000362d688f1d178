using System.Globalization;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.SharedState;
using Microsoft.Extensions.Caching.Memory;

namespace M3CoreCrm.Modules.Identity.Infrastructure.Authorization;

/// <summary>
/// Effective permissions per (tenant, actor) for a minute, in process. Any role, grant, group or user change calls
/// <see cref="InvalidateAsync"/>, which moves the tenant to a new epoch: every cached entry of the tenant is then stale.
/// The epoch has two parts: a shared one (Redis, when configured), so an invalidation on one instance reaches every
/// instance at once, and a local one, so this instance never reuses its own stale entries even while Redis is
/// unreachable. An invalidation made during a Redis outage reaches the other instances only when their entries
/// expire (one minute).
/// </summary>
internal sealed class PermissionCache(IMemoryCache cache, ISharedStore shared)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    /// <summary>Longer than <see cref="CacheFor"/>: an epoch that expired can only be followed by fresh entries.</summary>
    private static readonly TimeSpan EpochFor = TimeSpan.FromHours(1);

    public async Task<EffectivePermissions> GetOrLoadAsync(Guid tenantId, string actorKey, Func<Task<EffectivePermissions>> load)
    {
        var sharedEpoch = await shared.ReadCounterAsync(SharedEpochKey(tenantId));
        var epoch = sharedEpoch?.ToString(CultureInfo.InvariantCulture) ?? "-";
        var key = $"permissions:{tenantId}:{epoch}:{LocalEpoch(tenantId)}:{actorKey}";
        if (cache.TryGetValue(key, out EffectivePermissions? cached) && cached is not null)
        {
            return cached;
        }

        var loaded = await load();
        cache.Set(key, loaded, CacheFor);
        return loaded;
    }

    /// <summary>Makes every cached permission set of the tenant stale, on this instance and (through Redis) on all.</summary>
    public async Task InvalidateAsync(Guid tenantId)
    {
        BumpLocal(tenantId);
        await shared.IncrementCounterAsync(SharedEpochKey(tenantId), EpochFor);
    }

    /// <summary>
    /// Synchronous form of <see cref="InvalidateAsync"/>: stale here at once; the shared epoch moves in the
    /// background (the store never throws).
    /// </summary>
    public void Invalidate(Guid tenantId)
    {
        BumpLocal(tenantId);
        _ = shared.IncrementCounterAsync(SharedEpochKey(tenantId), EpochFor);
    }

    private void BumpLocal(Guid tenantId) => cache.Set(LocalEpochKey(tenantId), LocalEpoch(tenantId) + 1, EpochFor);

    private long LocalEpoch(Guid tenantId) => cache.TryGetValue(LocalEpochKey(tenantId), out long epoch) ? epoch : 0;

    private static string LocalEpochKey(Guid tenantId) => $"permissions-epoch:{tenantId}";

    internal static string SharedEpochKey(Guid tenantId) => $"permissions-epoch:{tenantId}";
}
