using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Features.Auth;
using M3CoreCrm.Modules.Identity.Features.Users;
using M3CoreCrm.Modules.Identity.Passwords;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Features.Me;

/// <summary>POST /api/v1/me/password: the caller changes its own password; its other sessions end.</summary>
internal static class ChangePasswordEndpoint
{
    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/me/password", ChangeAsync)
            .WithTags("Auth")
            .WithName("ChangeMyPassword")
            .WithSummary("Change your own password (current and new); your other sessions are signed out.")
            .RequireSelf()
            .Validate<ChangeOwnPasswordRequest>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<NoContent> ChangeAsync(
        ChangeOwnPasswordRequest request, ICurrentActor actor, ITenantContext tenant, IdentityDbContext db, PasswordHashingGate passwords,
        LoginThrottleStore throttles, SessionRevoker revoker, IAuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var userId = actor.UserId ?? throw Problems.Forbidden("auth.user_required", "Only users have a password; API keys do not.");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw Problems.NotFound("user", userId);

        // Wrong current passwords count against the account like failed logins: a stolen access token must not become
        // an unthrottled password-guessing oracle.
        var now = clock.GetUtcNow();
        if (await db.LoginThrottles.AsNoTracking().FirstOrDefaultAsync(t => t.NormalizedEmail == user.NormalizedEmail, ct) is { } throttle
            && throttle.IsLocked(now))
        {
            throw LoginService.TooManyAttempts(throttle.RemainingLock(now));
        }

        if (await passwords.VerifyAsync(request.CurrentPassword, user.PasswordHash, ct) == PasswordCheck.Failed)
        {
            var (failures, _, locked) = await throttles.RecordFailureAsync(tenant.RequiredTenantId, user.NormalizedEmail, now, ct);
            await audit.RecordAsync("password.change_failed", "user", userId.ToString(), userId, new { failures, locked }, ct);
            throw Problems.BadRequest("auth.invalid_current_password", "The current password is wrong.");
        }

        if (request.NewPassword == request.CurrentPassword)
        {
            throw Problems.BadRequest("auth.password_unchanged", "The new password must differ from the current one.");
        }

        UserEndpoints.EnsurePasswordAcceptable(request.NewPassword, user.Email);
        user.ChangePassword(await passwords.HashAsync(request.NewPassword, ct), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);

        var others = await db.Sessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != actor.SessionId).Select(s => s.Id).ToListAsync(ct);
        await revoker.RevokeAsync(others, "password_changed", ct);
        await audit.RecordAsync("password.changed", "user", userId.ToString(), userId, new { otherSessionsRevoked = others.Count }, ct);
        return TypedResults.NoContent();
    }
}
