using Microsoft.AspNetCore.Http;

namespace M3CoreCrm.Modules.Identity.Features.Auth;

/// <summary>
/// Cookie mode for browsers: with <c>X-Refresh-Mode: cookie</c> the refresh token travels in an HttpOnly, Secure,
/// SameSite=Strict cookie scoped to /api/v1/auth, out of reach of page scripts. The cookie is only ever read when the
/// request carries that header: a cross-site form cannot set a custom header, and a cross-site script that tries
/// needs a CORS preflight, so a forged request cannot make the API use the cookie.
/// </summary>
internal static class RefreshCookie
{
    internal const string ModeHeader = "X-Refresh-Mode";
    internal const string CookieMode = "cookie";
    internal const string Name = "m3crm_refresh";
    internal const string Path = "/api/v1/auth";

    internal static bool IsRequested(HttpRequest request) =>
        string.Equals(request.Headers[ModeHeader].ToString().Trim(), CookieMode, StringComparison.OrdinalIgnoreCase);

    internal static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(Name, out var value) && value.Length > 0 ? value : null;

    internal static void Write(HttpResponse response, string refreshToken, TimeSpan maxAge) =>
        response.Cookies.Append(Name, refreshToken, Options(maxAge < TimeSpan.Zero ? TimeSpan.Zero : maxAge));

    internal static void Clear(HttpResponse response) => response.Cookies.Append(Name, string.Empty, Options(TimeSpan.Zero));

    /// <summary>Token responses must never be stored by a browser or a proxy.</summary>
    internal static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }

    /// <summary>The body to send: the refresh token in it (body mode), or in the cookie and null in the body (cookie mode).</summary>
    internal static TokenResponse Respond(HttpContext http, IssuedTokens tokens, DateTimeOffset now)
    {
        NoStore(http.Response);
        if (!IsRequested(http.Request))
        {
            return new TokenResponse(tokens.AccessToken, tokens.RefreshToken, tokens.ExpiresIn, "Bearer");
        }

        Write(http.Response, tokens.RefreshToken, tokens.RefreshExpiresAt - now);
        return new TokenResponse(tokens.AccessToken, null, tokens.ExpiresIn, "Bearer");
    }

    private static CookieOptions Options(TimeSpan maxAge) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = Path,
        MaxAge = TimeSpan.FromSeconds(Math.Round(maxAge.TotalSeconds)),
        IsEssential = true,
    };
}
