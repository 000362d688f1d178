using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.Modules.Identity.Infrastructure.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace M3CoreCrm.Modules.Identity.Infrastructure.Tokens;

/// <summary>
/// Authentication of the API: access tokens (HS256 only, issuer and audience pinned, Jwt:ClockSkew, and a live session
/// behind the token) and API keys, behind a default policy scheme that picks one per request.
/// </summary>
internal static class JwtSetup
{
    internal static void AddCrmJwtBearer(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = JwtSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddScoped<SessionTokenEvents>();
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
            options.EventsType = typeof(SessionTokenEvents);
        });
    }
}
