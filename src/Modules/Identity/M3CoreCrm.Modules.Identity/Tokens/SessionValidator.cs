using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace M3CoreCrm.Modules.Identity.Tokens;

/// <summary>
/// Checks that an access token's session is still live and its user active. Answers are cached for 5 seconds, so
/// a revocation made on any instance stops its tokens within 5 s (at once on the instance that revoked).
/// </summary>
internal sealed class SessionValidator(IMemoryCache cache, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    public async Task<bool> IsActiveAsync(IdentityDbContext db, ITenantContext tenant, Guid tenantId, Guid sessionId, Guid userId, CancellationToken ct)
    {
        if (cache.TryGetValue(Key(sessionId), out bool active))
        {
            return active;
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

    /// <summary>Forgets sessions revoked here, so this instance refuses their tokens immediately.</summary>
    public void Forget(IEnumerable<Guid> sessionIds)
    {
        foreach (var id in sessionIds)
        {
            cache.Remove(Key(id));
        }
    }

    private static string Key(Guid sessionId) => $"session-active:{sessionId}";
}
