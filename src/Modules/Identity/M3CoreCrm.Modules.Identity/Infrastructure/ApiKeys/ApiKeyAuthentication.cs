using System.Security.Claims;
using System.Text.Encodings.Web;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Identity.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace M3CoreCrm.Modules.Identity.Infrastructure.ApiKeys;

/// <summary>
/// The schemes of the API: a policy scheme (the default) that forwards to the API-key handler when the request
/// carries <c>X-Api-Key</c> or a bearer token starting with <c>m3k_</c>, and to JwtBearer otherwise.
/// </summary>
internal static class ApiKeyAuthentication
{
    internal const string PolicyScheme = "BearerOrApiKey";
    internal const string Scheme = "ApiKey";
    internal const string HeaderName = "X-Api-Key";

    private const string BearerPrefix = "Bearer ";

    /// <summary>The API key the request presents, or null when it presents none (it may carry a JWT).</summary>
    internal static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && header.Count > 0)
        {
            return header.ToString().Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization[BearerPrefix.Length..].Trim();
            if (token.StartsWith(ApiKeyCodec.Prefix, StringComparison.Ordinal))
            {
                return token;
            }
        }

        return null;
    }

    /// <summary>
    /// Anonymous routes (login, refresh, the platform API) ignore whatever credential the request carries: a token of
    /// another tenant must neither set this request's tenant nor cost a session lookup.
    /// </summary>
    internal static string SelectScheme(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null ? AnonymousRouteScheme
        : ReadKey(context.Request) is not null ? Scheme
        : JwtBearerDefaults.AuthenticationScheme;

    internal const string AnonymousRouteScheme = "AnonymousRoute";
}

/// <summary>The scheme of anonymous routes: authenticates nobody, whatever the request carries.</summary>
internal sealed class AnonymousRouteHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
}

/// <summary>
/// Authenticates an API key: a principal with the tenant (<c>tid</c>) and the key (<c>kid_api</c>) and no subject,
/// so the key acts as itself (audited as "apiKey") with its role's permissions. Unknown, revoked or expired: 401.
/// A malformed key (shape or checksum) is refused without a database lookup, and so is every key from an address that
/// presented too many unknown keys this minute (<see cref="ApiKeyFailureLimiter"/>).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyValidator validator,
    ApiKeyFailureLimiter failures,
    IdentityDbContext db,
    ITenantContext tenant)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ApiKeyAuthentication.ReadKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeyCodec.TryReadTenant(presented, out var tenantId))
        {
            return AuthenticateResult.Fail("The API key is malformed.");
        }

        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!failures.Allows(address))
        {
            return AuthenticateResult.Fail("Too many unknown API keys from this address; retry in a minute.");
        }

        var keyId = await validator.AuthenticateAsync(db, tenant, tenantId, presented, () => failures.RecordUnknown(address), Context.RequestAborted);
        if (keyId is null)
        {
            return AuthenticateResult.Fail("The API key is unknown, revoked or expired.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(CrmClaims.TenantId, tenantId.ToString()),
                new Claim(CrmClaims.ApiKeyId, keyId.Value.ToString()),
            ],
            Scheme.Name,
            CrmClaims.ApiKeyId,
            roleType: null);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}
