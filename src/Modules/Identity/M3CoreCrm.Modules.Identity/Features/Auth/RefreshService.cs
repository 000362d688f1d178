using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using M3CoreCrm.Modules.Identity.Infrastructure.Tokens;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Features.Auth;

/// <summary>
/// Refresh-token rotation. The presented token is consumed by one atomic UPDATE (concurrent refreshes: exactly one
/// consumes it), and its successor is derived from it (<see cref="RefreshTokenCodec.SuccessorOf"/>). A token consumed
/// less than 30 s ago whose successor is still unused (two tabs refreshing at once, a retry after a lost answer) gets
/// that same successor again, with a fresh access token, and the reuse is audited: the session stays one chain. Any
/// other reuse revokes the whole session and is audited.
/// </summary>
internal sealed class RefreshService(
    IdentityDbContext db,
    UnitOfWork unitOfWork,
    ITenantContext tenantContext,
    SessionIssuer issuer,
    SessionRevoker revoker,
    JwtSettings settings,
    IAuditLog audit,
    TimeProvider clock)
{
    internal static readonly TimeSpan ReuseGrace = TimeSpan.FromSeconds(30);

    public async Task<IssuedTokens> RefreshAsync(string presented, CancellationToken ct)
    {
        if (!RefreshTokenCodec.TryReadTenant(presented, out var tenantId))
        {
            throw Invalid();
        }

        tenantContext.SetTenant(tenantId);
        var hash = RefreshTokenCodec.HashOf(presented);
        var successor = RefreshTokenCodec.SuccessorOf(presented, tenantId, settings.SigningKey.Key);
        var now = clock.GetUtcNow();

        var result = await unitOfWork.InTransactionAsync(async token =>
        {
            var consumed = await ConsumeAsync(tenantId, hash, now, token);
            var current = consumed ?? await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, token);
            if (current is null)
            {
                return new Result(Outcome.Unknown);
            }

            var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == current.SessionId, token);
            if (session is null || !session.IsActive(now))
            {
                return new Result(Outcome.Inactive, Session: session);
            }

            var grace = consumed is null && await IsGraceReuseAsync(current, successor, now, token);
            if (consumed is null && !grace)
            {
                return new Result(Outcome.Reuse, Session: session);
            }

            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == session.UserId, token);
            if (user is null || user.Status != UserStatus.Active)
            {
                return new Result(Outcome.Inactive, Session: session);
            }

            if (consumed is not null)
            {
                var next = RefreshToken.Issue(session.Id, RefreshTokenCodec.HashOf(successor), now);
                db.RefreshTokens.Add(next);
                session.Touch(now);
                await db.SaveChangesAsync(token);
                await SetReplacedByAsync(tenantId, consumed.Id, next.Id, token);
            }

            var tokens = issuer.Pair(tenantId, user.Id, session.Id, successor, session.ExpiresAt);
            return new Result(grace ? Outcome.GraceReuse : Outcome.Rotated, tokens, session);
        }, ct);

        switch (result)
        {
            case { Outcome: Outcome.Rotated, Tokens: { } tokens }:
                return tokens;
            case { Outcome: Outcome.GraceReuse, Tokens: { } tokens, Session: { } session }:
                await audit.RecordAsync("refresh.grace_reuse", "session", session.Id.ToString(), session.UserId, null, ct);
                return tokens;
            case { Outcome: Outcome.Reuse, Session: { } session }:
                await revoker.RevokeAsync([session.Id], "refresh_token_reuse", ct);
                await audit.RecordAsync("refresh.reuse_detected", "session", session.Id.ToString(), session.UserId, null, ct);
                throw Problems.Unauthorized("auth.refresh_token_reused", "This refresh token was already used; the session has been revoked.");
            default:
                throw Invalid();
        }
    }

    /// <summary>The session a (well-formed, known) refresh token belongs to, or null; for logout in cookie mode.</summary>
    public async Task<Session?> SessionOfAsync(string presented, CancellationToken ct)
    {
        if (!RefreshTokenCodec.TryReadTenant(presented, out var tenantId) || tenantContext.TenantId != tenantId)
        {
            return null;
        }

        var hash = RefreshTokenCodec.HashOf(presented);
        var sessionId = await db.RefreshTokens.AsNoTracking().Where(t => t.TokenHash == hash).Select(t => (Guid?)t.SessionId).FirstOrDefaultAsync(ct);
        return sessionId is null ? null : await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
    }

    /// <summary>Marks the token used if (and only if) nobody did before; null when it was already used or unknown.</summary>
    private async Task<RefreshToken?> ConsumeAsync(Guid tenantId, byte[] hash, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.RefreshTokens
            .Where(t => t.TenantId == tenantId && t.TokenHash == hash && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        return rows == 1 ? await db.RefreshTokens.AsNoTracking().FirstAsync(t => t.TokenHash == hash, ct) : null;
    }

    /// <summary>
    /// The previous token, used under 30 s ago, whose successor is the one derived from it (not one from before a
    /// signing-key change) and has not been used yet.
    /// </summary>
    private async Task<bool> IsGraceReuseAsync(RefreshToken token, string successor, DateTimeOffset now, CancellationToken ct)
    {
        if (token.UsedAt is not { } usedAt || now - usedAt > ReuseGrace || token.ReplacedById is not { } successorId)
        {
            return false;
        }

        var successorHash = RefreshTokenCodec.HashOf(successor);
        return await db.RefreshTokens.AnyAsync(t => t.Id == successorId && t.UsedAt == null && t.TokenHash == successorHash, ct);
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
        GraceReuse,
        Rotated,
    }

    private sealed record Result(Outcome Outcome, IssuedTokens? Tokens = null, Session? Session = null);
}
