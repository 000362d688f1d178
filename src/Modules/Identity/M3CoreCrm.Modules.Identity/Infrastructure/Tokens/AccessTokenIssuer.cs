using System.Security.Claims;
using M3CoreCrm.BuildingBlocks.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace M3CoreCrm.Modules.Identity.Infrastructure.Tokens;

/// <summary>Signs access tokens (Jwt:AccessTokenLifetime) carrying sub, tid, sid and jti.</summary>
internal sealed class AccessTokenIssuer(JwtSettings settings, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public string Issue(Guid tenantId, Guid userId, Guid sessionId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.AccessTokenLifetime,
            Subject = new ClaimsIdentity(
            [
                new Claim(CrmClaims.Subject, userId.ToString()),
                new Claim(CrmClaims.TenantId, tenantId.ToString()),
                new Claim(CrmClaims.SessionId, sessionId.ToString()),
                new Claim(CrmClaims.TokenId, Guid.CreateVersion7().ToString()),
            ]),
            SigningCredentials = new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
