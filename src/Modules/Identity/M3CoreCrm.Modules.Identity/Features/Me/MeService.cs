using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Features.Auth;
using M3CoreCrm.Modules.Identity.Features.Users;
using M3CoreCrm.Modules.Identity.Infrastructure.Passwords;
using M3CoreCrm.Modules.Tenancy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Features.Me;

/// <summary>The caller's own profile and password.</summary>
internal sealed class MeService(
    ICurrentActor actor,
    ITenantContext tenant,
    IdentityDbContext db,
    ITenantDirectory tenants,
    AccessScope access,
    PasswordHashingGate passwords,
    LoginThrottleStore throttles,
    SessionRevoker revoker,
    IAuditLog audit,
    TimeProvider clock)
{
    public async Task<MeResponse> GetAsync(CancellationToken ct)
    {
        var userId = actor.UserId ?? throw Problems.Forbidden("auth.user_required", "Only users have a profile; API keys do not.");
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw Problems.NotFound("user", userId);
        var info = await tenants.FindAsync(tenant.RequiredTenantId, ct) ?? throw Problems.NotFound("tenant");
        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new MeRole(r.Id, r.Name, r.IsSystem))
            .ToListAsync(ct);
        var permissions = await access.PermissionsAsync(ct);
        return new MeResponse(
            new MeUser(user.Id, user.Email, user.DisplayName, user.Status.ToString().ToLowerInvariant(), user.LastLoginAt),
            new MeTenant(info.Id, info.Slug, info.Name, info.DefaultCurrency, info.TimeZone),
            roles,
            permissions.Grants.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new MeGrant(g.Key, g.Value)).ToList(),
            actor.SessionId ?? Guid.Empty);
    }

    /// <summary>
    /// Changes the caller's password and ends its other sessions. Wrong current passwords count against the account
    /// like failed logins: a stolen access token must not become an unthrottled password-guessing oracle.
    /// </summary>
    public async Task ChangePasswordAsync(ChangeOwnPasswordRequest request, CancellationToken ct)
    {
        var userId = actor.UserId ?? throw Problems.Forbidden("auth.user_required", "Only users have a password; API keys do not.");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw Problems.NotFound("user", userId);
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

        UserChecks.EnsurePasswordAcceptable(request.NewPassword, user.Email);
        user.ChangePassword(await passwords.HashAsync(request.NewPassword, ct), now);
        await db.SaveChangesAsync(ct);

        var others = await db.Sessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != actor.SessionId).Select(s => s.Id).ToListAsync(ct);
        await revoker.RevokeAsync(others, "password_changed", ct);
        await audit.RecordAsync("password.changed", "user", userId.ToString(), userId, new { otherSessionsRevoked = others.Count }, ct);
    }
}
