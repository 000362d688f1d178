using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using M3CoreCrm.Modules.Identity.Tokens;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Features.Auth;

/// <summary>
/// Refresh-token rotation. The presented token is consumed by one atomic UPDATE (concurrent refreshes: exactly one
/// consumes it). The token consumed less than 30 s ago whose successor is still unused (two tabs refreshing at once)
/// gets a fresh token in the same session; any other reuse revokes the whole session and is audited.
/// </summary>
internal sealed class RefreshService(
    IdentityDbContext db,
    UnitOfWork unitOfWork,
    ITenantContext tenantContext,
    SessionIssuer issuer,
    SessionRevoker revoker,
    IAuditLog audit,
    TimeProvider clock)
{
    internal static readonly TimeSpan ReuseGrace = TimeSpan.FromSeconds(30);

    public async Task<TokenResponse> RefreshAsync(string presented, CancellationToken ct)
    {
        if (!RefreshTokenCodec.TryReadTenant(presented, out var tenantId))
        {
            throw Invalid();
        }

        tenantContext.SetTenant(tenantId);
        var hash = RefreshTokenCodec.HashOf(presented);
        var now = clock.GetUtcNow();

        var result = await unitOfWork.InTransactionAsync(async token =>
        {
            var consumed = await ConsumeAsync(tenantId, hash, now, token);
            var current = consumed ?? await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, token);
            if (current is null)
            {
                return (Outcome.Unknown, (TokenResponse?)null, (Session?)null);
            }

            var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == current.SessionId, token);
            if (session is null || !session.IsActive(now))
            {
                return (Outcome.Inactive, null, session);
            }

            if (consumed is null && !await IsGraceReuseAsync(current, now, token))
            {
                return (Outcome.Reuse, null, session);
            }

            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == session.UserId, token);
            if (user is null || user.Status != UserStatus.Active)
            {
                return (Outcome.Inactive, null, session);
            }

            var refresh = RefreshTokenCodec.Create(tenantId);
            var next = RefreshToken.Issue(session.Id, RefreshTokenCodec.HashOf(refresh), now);
            db.RefreshTokens.Add(next);
            session.Touch(now);
            await db.SaveChangesAsync(token);
            if (consumed is not null)
            {
                await SetReplacedByAsync(tenantId, consumed.Id, next.Id, token);
            }

            return (Outcome.Rotated, issuer.Pair(tenantId, user.Id, session.Id, refresh), session);
        }, ct);

        switch (result)
        {
            case (Outcome.Rotated, { } tokens, _):
                return tokens;
            case (Outcome.Reuse, _, { } session):
                await revoker.RevokeAsync([session.Id], "refresh_token_reuse", ct);
                await audit.RecordAsync("refresh.reuse_detected", "session", session.Id.ToString(), session.UserId, null, ct);
                throw Problems.Unauthorized("auth.refresh_token_reused", "This refresh token was already used; the session has been revoked.");
            default:
                throw Invalid();
        }
    }

    /// <summary>Marks the token used if (and only if) nobody did before; null when it was already used or unknown.</summary>
    private async Task<RefreshToken?> ConsumeAsync(Guid tenantId, byte[] hash, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.RefreshTokens
            .Where(t => t.TenantId == tenantId && t.TokenHash == hash && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        return rows == 1 ? await db.RefreshTokens.AsNoTracking().FirstAsync(t => t.TokenHash == hash, ct) : null;
    }

    /// <summary>The previous token, used under 30 s ago, whose successor has not been used yet.</summary>
    private async Task<bool> IsGraceReuseAsync(RefreshToken token, DateTimeOffset now, CancellationToken ct)
    {
        if (token.UsedAt is not { } usedAt || now - usedAt > ReuseGrace || token.ReplacedById is not { } successor)
        {
            return false;
        }

        return await db.RefreshTokens.AnyAsync(t => t.Id == successor && t.UsedAt == null, ct);
    }

    private Task<int> SetReplacedByAsync(Guid tenantId, Guid consumedId, Guid nextId, CancellationToken ct) =>
        db.RefreshTokens.Where(t => t.TenantId == tenantId && t.Id == consumedId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ReplacedById, nextId), ct);

    private static ApiProblemException Invalid() =>
        Problems.Unauthorized("auth.invalid_refresh_token", "The refresh token is invalid, expired or revoked.");

    private enum Outcome
    {
        Unknown,
        Inactive,
        Reuse,
        Rotated,
    }
}
