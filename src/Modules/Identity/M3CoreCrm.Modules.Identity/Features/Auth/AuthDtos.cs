namespace M3CoreCrm.Modules.Identity.Features.Auth;

/// <summary>Credentials of one tenant's user.</summary>
internal sealed record LoginRequest(string Tenant, string Email, string Password);

/// <summary>The refresh token to exchange; omitted (or null) in cookie mode, where the m3crm_refresh cookie carries it.</summary>
internal sealed record RefreshRequest(string? RefreshToken);

/// <summary>
/// An access token (JWT, seconds until it expires) and the refresh token that renews it; the refresh token is null
/// in cookie mode (<c>X-Refresh-Mode: cookie</c>), where it travels in an HttpOnly cookie instead.
/// </summary>
internal sealed record TokenResponse(string AccessToken, string? RefreshToken, int ExpiresIn, string TokenType);

/// <summary>A token pair as issued, before the endpoint decides where the refresh token goes (body or cookie).</summary>
internal sealed record IssuedTokens(string AccessToken, string RefreshToken, int ExpiresIn, DateTimeOffset RefreshExpiresAt);
