using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using M3CoreCrm.Modules.Identity.Infrastructure.Passwords;
using M3CoreCrm.Modules.Tenancy.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Features.Auth;

/// <summary>
/// Password login. Unknown tenant, unknown user and wrong password cost the same Argon2 work, give the same 401 and
/// are throttled alike (per tenant and email; for unknown tenants in memory, see <see cref="UnknownTenantThrottle"/>),
/// so neither slugs nor emails can be told apart; failures in a tenant are audited.
/// </summary>
internal sealed class LoginService(
    IdentityDbContext db,
    ITenantDirectory tenants,
    ITenantContext tenantContext,
    PasswordHashingGate passwords,
    SessionIssuer sessions,
    LoginThrottleStore throttles,
    UnknownTenantThrottle unknownTenants,
    IAuditLog audit,
    TimeProvider clock)
{
    public async Task<IssuedTokens> LoginAsync(LoginRequest request, HttpContext http, CancellationToken ct)
    {
        var slug = request.Tenant.Trim().ToLowerInvariant();
        var email = User.Normalize(request.Email);
        var now = clock.GetUtcNow();
        var tenant = await tenants.FindBySlugAsync(slug, ct);
        if (tenant is null)
        {
            if (unknownTenants.RemainingLock(slug, email, now) is { } wait && wait > TimeSpan.Zero)
            {
                throw TooManyAttempts(wait);
            }

            await passwords.VerifyDummyAsync(request.Password, ct);
            unknownTenants.RecordFailure(slug, email, now);
            throw InvalidCredentials();
        }

        tenantContext.SetTenant(tenant.Id);
        var throttle = await db.LoginThrottles.AsNoTracking().FirstOrDefaultAsync(t => t.NormalizedEmail == email, ct);
        if (throttle?.IsLocked(now) == true)
        {
            throw TooManyAttempts(throttle.RemainingLock(now));
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == email, ct);
        var check = PasswordCheck.Failed;
        if (user is null)
        {
            await passwords.VerifyDummyAsync(request.Password, ct);
        }
        else
        {
            check = await passwords.VerifyAsync(request.Password, user.PasswordHash, ct);
        }

        if (user is null || check == PasswordCheck.Failed)
        {
            await RecordFailureAsync(tenant.Id, email, user, now, ct);
            throw InvalidCredentials();
        }

        if (tenant.Status != TenantStatus.Active)
        {
            throw Problems.Forbidden("tenant.suspended", "This tenant is suspended; contact your administrator.");
        }

        if (user.Status != UserStatus.Active)
        {
            await audit.RecordAsync("login.refused_disabled", "user", user.Id.ToString(), user.Id, null, ct);
            throw Problems.Forbidden("auth.user_disabled", "This account is disabled.");
        }

        if (check == PasswordCheck.NeedsRehash)
        {
            user.UpgradeHash(await passwords.HashAsync(request.Password, ct));
        }

        if (throttle is not null)
        {
            await db.LoginThrottles.Where(t => t.NormalizedEmail == email).ExecuteDeleteAsync(ct);
        }

        var tokens = await sessions.StartAsync(tenant.Id, user.Id, http, ct);

        // The last-login time is written without the row's concurrency token (xmin): two logins of one account at
        // the same moment (two devices, a script) must not fail each other with 412.
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.LastLoginAt, now), ct);
        await audit.RecordAsync("login.succeeded", "user", user.Id.ToString(), user.Id, null, ct);
        return tokens;
    }

    private async Task RecordFailureAsync(Guid tenantId, string email, User? user, DateTimeOffset now, CancellationToken ct)
    {
        var (failures, lockedUntil, locked) = await throttles.RecordFailureAsync(tenantId, email, now, ct);
        var details = new { email, failures, knownUser = user is not null };
        await audit.RecordAsync("login.failed", "user", user?.Id.ToString(), user?.Id, details, ct);
        if (locked)
        {
            await audit.RecordAsync("login.locked_out", "user", user?.Id.ToString(), user?.Id, new { email, until = lockedUntil }, ct);
        }
    }

    internal static ApiProblemException TooManyAttempts(TimeSpan wait) =>
        new(StatusCodes.Status429TooManyRequests, "auth.too_many_attempts", "Too many attempts", "Too many failed logins for this account; wait and retry.")
        {
            RetryAfterSeconds = (int)Math.Ceiling(wait.TotalSeconds),
        };

    private static ApiProblemException InvalidCredentials() =>
        Problems.Unauthorized("auth.invalid_credentials", "The tenant, email or password is wrong.");
}
