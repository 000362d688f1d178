using M3CoreCrm.BuildingBlocks.SharedState;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace M3CoreCrm.Modules.Identity.Infrastructure.ApiKeys;

/// <summary>
/// Finds the key behind a presented secret. Known keys are cached for 5 seconds; a revocation is also written to the
/// shared store (Redis, when configured) as a marker every instance checks, so it takes effect at once everywhere
/// (without Redis: at once on the revoking instance, within 5 s on the others). Expiry is checked on every request,
/// and the last use is written at most once a minute per key and instance, by an UPDATE that is a no-op when another
/// instance wrote it within the minute.
/// </summary>
internal sealed class ApiKeyValidator(IMemoryCache cache, ISharedStore shared, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    /// <summary>Longer than any instance caches the key: after it, the database answers "revoked" everywhere.</summary>
    private static readonly TimeSpan RevocationMarkerLifetime = TimeSpan.FromMinutes(1);

    /// <summary>The key's id when it is known, not revoked, not expired and its creator still active; otherwise null.</summary>
    /// <remarks><paramref name="unknown"/> is set when no key of the tenant has this secret at all.</remarks>
    public async Task<Guid?> AuthenticateAsync(IdentityDbContext db, ITenantContext tenant, Guid tenantId, string presented, Action unknown, CancellationToken ct)
    {
        var hash = ApiKeyCodec.HashOf(presented);
        var cacheKey = Key(tenantId, hash);
        tenant.SetTenant(tenantId);
        if (!cache.TryGetValue(cacheKey, out KnownKey? known) || known is null)
        {
            known = await db.ApiKeys.AsNoTracking()
                .Where(k => k.SecretHash == hash)
                .Select(k => new KnownKey(
                    k.Id,
                    k.ExpiresAt,
                    k.RevokedAt != null || (k.CreatedByUserId != null && !db.Users.Any(u => u.Id == k.CreatedByUserId && u.Status == UserStatus.Active))))
                .FirstOrDefaultAsync(ct);
            if (known is null)
            {
                unknown();
                return null; // misses are not cached: random keys must not fill the cache
            }

            cache.Set(cacheKey, known, CacheFor);
        }

        var now = clock.GetUtcNow();
        if (known.Revoked || known.ExpiresAt <= now)
        {
            return null;
        }

        if (await shared.HasMarkerAsync(RevokedKey(known.Id)) == true)
        {
            cache.Set(cacheKey, known with { Revoked = true }, CacheFor);
            return null;
        }

        await RecordUseAsync(db, known.Id, now, ct);
        return known.Id;
    }

    /// <summary>Forgets a key revoked here, so this instance refuses it immediately, and tells the other instances.</summary>
    public async Task ForgetAsync(Guid tenantId, Guid keyId, byte[] secretHash)
    {
        cache.Remove(Key(tenantId, secretHash));
        await shared.SetMarkerAsync(RevokedKey(keyId), RevocationMarkerLifetime);
    }

    private async Task RecordUseAsync(IdentityDbContext db, Guid keyId, DateTimeOffset now, CancellationToken ct)
    {
        var marker = $"apikey-used:{keyId}";
        if (cache.TryGetValue(marker, out _))
        {
            return;
        }

        cache.Set(marker, true, ApiKey.LastUsedResolution);
        var threshold = now - ApiKey.LastUsedResolution;
        await db.ApiKeys
            .Where(k => k.Id == keyId && (k.LastUsedAt == null || k.LastUsedAt < threshold))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
    }

    private static string Key(Guid tenantId, byte[] hash) => $"apikey:{tenantId:N}:{Convert.ToHexString(hash)}";

    internal static string RevokedKey(Guid keyId) => $"apikey-revoked:{keyId}";

    /// <summary>A key as cached; <c>Revoked</c> also when its creator is disabled.</summary>
    private sealed record KnownKey(Guid Id, DateTimeOffset? ExpiresAt, bool Revoked);
}
