using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Identity.Data;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace M3CoreCrm.Modules.Identity.Infrastructure.Tokens;

/// <summary>
/// After a token's signature and lifetime pass: the token must name tenant, session and subject, and its session must
/// still be live (<see cref="SessionValidator"/>). Resolved per request by the JwtBearer handler (EventsType).
/// </summary>
internal sealed class SessionTokenEvents(SessionValidator validator, IdentityDbContext db, ITenantContext tenant) : JwtBearerEvents
{
    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        if (!Guid.TryParse(principal.FindFirst(CrmClaims.TenantId)?.Value, out var tenantId)
            || !Guid.TryParse(principal.FindFirst(CrmClaims.SessionId)?.Value, out var sessionId)
            || !Guid.TryParse(principal.FindFirst(CrmClaims.Subject)?.Value, out var userId))
        {
            context.Fail("The token lacks tenant, session or subject.");
            return;
        }

        if (!await validator.IsActiveAsync(db, tenant, tenantId, sessionId, userId, context.HttpContext.RequestAborted))
        {
            context.Fail("The session is revoked or expired.");
        }
    }
}
