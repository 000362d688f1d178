using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using M3CoreCrm.Modules.Identity.Infrastructure.Tokens;
using Microsoft.AspNetCore.Http;

namespace M3CoreCrm.Modules.Identity.Features.Auth;

/// <summary>Starts sessions and issues token pairs.</summary>
internal sealed class SessionIssuer(IdentityDbContext db, AccessTokenIssuer accessTokens, JwtSettings settings, TimeProvider clock)
{
    public async Task<IssuedTokens> StartAsync(Guid tenantId, Guid userId, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var session = Session.Start(userId, http.Request.Headers.UserAgent.ToString(), http.Connection.RemoteIpAddress?.ToString(), now);
        db.Sessions.Add(session);
        var refresh = RefreshTokenCodec.Create(tenantId);
        db.RefreshTokens.Add(RefreshToken.Issue(session.Id, RefreshTokenCodec.HashOf(refresh), now));
        await db.SaveChangesAsync(ct);
        return Pair(tenantId, userId, session.Id, refresh, session.ExpiresAt);
    }

    public IssuedTokens Pair(Guid tenantId, Guid userId, Guid sessionId, string refreshToken, DateTimeOffset sessionExpiresAt) => new(
        accessTokens.Issue(tenantId, userId, sessionId),
        refreshToken,
        (int)settings.AccessTokenLifetime.TotalSeconds,
        sessionExpiresAt);
}
