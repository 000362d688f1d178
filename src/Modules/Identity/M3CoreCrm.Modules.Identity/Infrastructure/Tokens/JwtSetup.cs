using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.Modules.Identity.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace M3CoreCrm.Modules.Identity.Tokens;

/// <summary>
/// Authentication of the API: access tokens (HS256 only, issuer and audience pinned, 30 s skew, and a live session
/// behind the token) and API keys, behind a default policy scheme that picks one per request.
/// </summary>
internal static class JwtSetup
{
    internal static void AddCrmJwtBearer(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = JwtSettings.From(configuration);
        services.AddSingleton(settings);
        var authentication = services.AddAuthentication(ApiKeyAuthentication.PolicyScheme);
        authentication.AddPolicyScheme(ApiKeyAuthentication.PolicyScheme, "Access token or API key", options =>
            options.ForwardDefaultSelector = ApiKeyAuthentication.SelectScheme);
        authentication.AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, configureOptions: null);
        authentication.AddScheme<AuthenticationSchemeOptions, AnonymousRouteHandler>(ApiKeyAuthentication.AnonymousRouteScheme, configureOptions: null);
        authentication.AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                IssuerSigningKey = settings.SigningKey,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                ValidateIssuerSigningKey = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ClockSkew = settings.ClockSkew,
                NameClaimType = CrmClaims.Subject,
            };
            options.Events = new JwtBearerEvents { OnTokenValidated = ValidateSessionAsync };
        });
    }

    private static async Task ValidateSessionAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        if (!Guid.TryParse(principal.FindFirst(CrmClaims.TenantId)?.Value, out var tenantId)
            || !Guid.TryParse(principal.FindFirst(CrmClaims.SessionId)?.Value, out var sessionId)
            || !Guid.TryParse(principal.FindFirst(CrmClaims.Subject)?.Value, out var userId))
        {
            context.Fail("The token lacks tenant, session or subject.");
            return;
        }

        var services = context.HttpContext.RequestServices;
        var validator = services.GetRequiredService<SessionValidator>();
        var active = await validator.IsActiveAsync(services, tenantId, sessionId, userId, context.HttpContext.RequestAborted);
        if (!active)
        {
            context.Fail("The session is revoked or expired.");
        }
    }
}
