using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Identity.Features.Auth;

/// <summary>/api/v1/auth: login, refresh (anonymous), logout and logout-all (the caller's own sessions).</summary>
internal static class AuthEndpoints
{
    internal static void Map(IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");

        auth.MapPost("/login", (LoginRequest request, LoginService login, HttpContext http, CancellationToken ct) => LoginAsync(request, login, http, ct))
            .AllowAnonymous()
            .WithName("Login")
            .WithSummary("Log in with tenant slug, email and password; returns an access token and a refresh token.")
            .Validate<LoginRequest>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        auth.MapPost("/refresh", async Task<Ok<TokenResponse>> (RefreshRequest request, RefreshService refresh, CancellationToken ct) =>
                TypedResults.Ok(await refresh.RefreshAsync(request.RefreshToken, ct)))
            .AllowAnonymous()
            .WithName("RefreshToken")
            .WithSummary("Exchange a refresh token for a new token pair (the presented token is consumed).")
            .Validate<RefreshRequest>();
        auth.MapPost("/logout", LogoutAsync)
            .WithName("Logout")
            .WithSummary("Revoke the current session: its refresh token and access tokens stop working.")
            .RequireSelf();
        auth.MapPost("/logout-all", LogoutAllAsync)
            .WithName("LogoutAll")
            .WithSummary("Revoke every session of the current user.")
            .RequireSelf();
    }

    private static async Task<Ok<TokenResponse>> LoginAsync(LoginRequest request, LoginService login, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await login.LoginAsync(request, http, ct));

    private static async Task<NoContent> LogoutAsync(ICurrentActor actor, SessionRevoker revoker, IAuditLog audit, CancellationToken ct)
    {
        if (actor.SessionId is { } sessionId)
        {
            await revoker.RevokeAsync([sessionId], "logout", ct);
            await audit.RecordAsync("logout", "session", sessionId.ToString(), actor.UserId, null, ct);
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
