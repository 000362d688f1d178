using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Infrastructure.Tokens;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Features.Auth;

/// <summary>Revokes sessions (logout, reuse, disabling a user, a password change); every instance refuses them at once when Redis is shared.</summary>
internal sealed class SessionRevoker(IdentityDbContext db, SessionValidator validator, TimeProvider clock)
{
    public async Task RevokeAsync(IReadOnlyCollection<Guid> sessionIds, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Sessions.Where(s => sessionIds.Contains(s.Id) && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokeReason, reason), ct);
        await validator.ForgetAsync(sessionIds);
    }

    public async Task<int> RevokeAllOfUserAsync(Guid userId, string reason, CancellationToken ct)
    {
        var ids = await db.Sessions.Where(s => s.UserId == userId && s.RevokedAt == null).Select(s => s.Id).ToListAsync(ct);
        await RevokeAsync(ids, reason, ct);
        return ids.Count;
    }
}
