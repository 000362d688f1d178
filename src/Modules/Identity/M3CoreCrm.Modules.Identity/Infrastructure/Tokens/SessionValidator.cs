using M3CoreCrm.BuildingBlocks.SharedState;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace M3CoreCrm.Modules.Identity.Infrastructure.Tokens;

/// <summary>
/// Checks that an access token's session is still live and its user active. Database answers are cached for 5
/// seconds. A revocation is also written to the shared store (Redis, when configured) as a marker that lives as long
/// as any access token of the session can, and every instance checks it first: a revoked session is refused at once
/// everywhere. Without Redis, or while it is unreachable, other instances refuse it within the 5 s cache.
/// </summary>
internal sealed class SessionValidator(IMemoryCache cache, ISharedStore shared, JwtSettings settings, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    /// <summary>After this, every access token issued before the revocation has expired anyway.</summary>
    internal TimeSpan RevocationMarkerLifetime => settings.AccessTokenValidity + TimeSpan.FromMinutes(1);

    /// <summary>Whether the session is live; <paramref name="db"/> is queried (as the token's tenant) only when the cache has no answer.</summary>
    public async Task<bool> IsActiveAsync(IdentityDbContext db, ITenantContext tenant, Guid tenantId, Guid sessionId, Guid userId, CancellationToken ct)
    {
        var known = cache.TryGetValue(Key(sessionId), out bool active);
        if (known && !active)
        {
            return false;
        }

        if (await shared.HasMarkerAsync(RevokedKey(sessionId)) == true)
        {
            cache.Set(Key(sessionId), false, CacheFor);
            return false;
        }

        if (known)
        {
            return true;
        }

        tenant.SetTenant(tenantId);
        var now = clock.GetUtcNow();
        active = await db.Sessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now)
            .Join(db.Users.Where(u => u.Status == UserStatus.Active), s => s.UserId, u => u.Id, (s, u) => s.Id)
            .AnyAsync(ct);
        cache.Set(Key(sessionId), active, CacheFor);
        return active;
    }

    /// <summary>
    /// Forgets sessions revoked here, so this instance refuses their tokens immediately, and tells the other
    /// instances through the shared store.
    /// </summary>
    public async Task ForgetAsync(IReadOnlyCollection<Guid> sessionIds)
    {
        foreach (var id in sessionIds)
        {
            cache.Remove(Key(id));
        }

        await Task.WhenAll(sessionIds.Select(id => shared.SetMarkerAsync(RevokedKey(id), RevocationMarkerLifetime)));
    }

    private static string Key(Guid sessionId) => $"session-active:{sessionId}";

    internal static string RevokedKey(Guid sessionId) => $"session-revoked:{sessionId}";
}
