using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Identity.Features.Auth;

/// <summary>
/// /api/v1/auth: login, refresh (anonymous), logout and logout-all (the caller's own sessions). Browsers send
/// <c>X-Refresh-Mode: cookie</c> to keep the refresh token in an HttpOnly cookie (<see cref="RefreshCookie"/>).
/// </summary>
internal static class AuthEndpoints
{
    internal static void Map(IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");

        auth.MapPost("/login", LoginAsync)
            .AllowAnonymous()
            .WithName("Login")
            .WithSummary("Log in with tenant slug, email and password; returns an access token and a refresh token (in an HttpOnly cookie with X-Refresh-Mode: cookie).")
            .AnswersWith(StatusCodes.Status401Unauthorized, "auth.invalid_credentials")
            .AnswersWith(StatusCodes.Status403Forbidden, "tenant.suspended", "auth.user_disabled")
            .AnswersWith(StatusCodes.Status429TooManyRequests, "auth.too_many_attempts")
            .AnswersWith(StatusCodes.Status503ServiceUnavailable, "auth.busy")
            .Validate<LoginRequest>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        auth.MapPost("/refresh", RefreshAsync)
            .AllowAnonymous()
            .WithName("RefreshToken")
            .WithSummary("Exchange a refresh token (body, or the cookie with X-Refresh-Mode: cookie) for a new token pair; the presented token is consumed.")
            .AnswersWith(StatusCodes.Status401Unauthorized, "auth.invalid_refresh_token", "auth.refresh_token_reused")
            .Validate<RefreshRequest>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/logout", LogoutAsync)
            .WithName("Logout")
            .WithSummary("Revoke the current session (and, with X-Refresh-Mode: cookie, the cookie's session, clearing the cookie).")
            .RequireSelf();
        auth.MapPost("/logout-all", LogoutAllAsync)
            .WithName("LogoutAll")
            .WithSummary("Revoke every session of the current user.")
            .RequireSelf();
    }

    private static async Task<Ok<TokenResponse>> LoginAsync(LoginRequest request, LoginService login, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        RefreshCookie.NoStore(http.Response);
        var tokens = await login.LoginAsync(request, http, ct);
        return TypedResults.Ok(RefreshCookie.Respond(http, tokens, clock.GetUtcNow()));
    }

    private static async Task<Ok<TokenResponse>> RefreshAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RefreshRequest? request, RefreshService refresh, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        RefreshCookie.NoStore(http.Response);
        var tokens = await refresh.RefreshAsync(PresentedToken(request, http.Request), ct);
        return TypedResults.Ok(RefreshCookie.Respond(http, tokens, clock.GetUtcNow()));
    }

    /// <summary>
    /// The body's token; in cookie mode the cookie's (the body's when it has one). Without the mode header the cookie
    /// is never used: a request that carries only the cookie is refused, so a forged cross-site request gets nothing.
    /// </summary>
    private static string PresentedToken(RefreshRequest? request, HttpRequest http)
    {
        if (request?.RefreshToken is { Length: > 0 } body)
        {
            return body;
        }

        if (RefreshCookie.IsRequested(http))
        {
            return RefreshCookie.Read(http)
                ?? throw Problems.Unauthorized("auth.invalid_refresh_token", "There is no refresh cookie; log in again.");
        }

        if (RefreshCookie.Read(http) is not null)
        {
            throw Problems.BadRequest("auth.refresh_mode_required",
                $"The refresh cookie is only used with the header {RefreshCookie.ModeHeader}: {RefreshCookie.CookieMode}.");
        }

        throw Problems.Validation(new Dictionary<string, string[]> { ["refreshToken"] = ["refreshToken is required (or use cookie mode)."] });
    }

    private static async Task<NoContent> LogoutAsync(
        ICurrentActor actor, SessionRevoker revoker, RefreshService refresh, IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        var sessions = new List<Guid>();
        if (actor.SessionId is { } current)
        {
            sessions.Add(current);
        }

        if (RefreshCookie.IsRequested(http.Request))
        {
            if (RefreshCookie.Read(http.Request) is { } cookie
                && await refresh.SessionOfAsync(cookie, ct) is { } cookieSession
                && cookieSession.UserId == actor.UserId
                && !sessions.Contains(cookieSession.Id))
            {
                sessions.Add(cookieSession.Id);
            }

            RefreshCookie.Clear(http.Response);
        }

        if (sessions.Count > 0)
        {
            await revoker.RevokeAsync(sessions, "logout", ct);
            foreach (var sessionId in sessions)
            {
                await audit.RecordAsync("logout", "session", sessionId.ToString(), actor.UserId, null, ct);
            }
        }

        return TypedResults.NoContent();
    }

    private static async Task<NoContent> LogoutAllAsync(ICurrentActor actor, SessionRevoker revoker, IAuditLog audit, CancellationToken ct)
    {
        if (actor.UserId is { } userId)
        {
            var count = await revoker.RevokeAllOfUserAsync(userId, "logout_all", ct);
            await audit.RecordAsync("logout.all", "user", userId.ToString(), userId, new { sessions = count }, ct);
        }

        return TypedResults.NoContent();
    }
}
