using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using M3CoreCrm.Modules.Identity.Features.Auth;
using M3CoreCrm.Modules.Identity.Infrastructure.Authorization;
using M3CoreCrm.Modules.Identity.Infrastructure.Passwords;
using M3CoreCrm.Modules.Tenancy.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Features.Users;

/// <summary>
/// User administration, one transaction per use case. Every change is limited to users the caller does not outrank
/// (<see cref="PrivilegeGuard"/>), keeps an active Owner (<see cref="OwnerGuard"/>) and clears the permission cache.
/// </summary>
internal sealed class UserService(
    IdentityDbContext db,
    UnitOfWork unitOfWork,
    PasswordHashingGate passwords,
    PrivilegeGuard guard,
    OwnerGuard owners,
    SessionRevoker revoker,
    PermissionCache cache,
    ITenantContext tenant,
    ITenantDirectory tenants,
    ICurrentActor actor,
    IAuditLog audit,
    IValidator<UserEdit> editValidator,
    TimeProvider clock)
{
    public async Task<User> CreateAsync(CreateUserRequest request, CancellationToken ct)
    {
        UserChecks.EnsurePasswordAcceptable(request.Password, request.Email);
        var roleIds = (request.RoleIds ?? []).Distinct().ToList();
        var groupIds = (request.GroupIds ?? []).Distinct().ToList();
        await UserChecks.EnsureRolesExistAsync(db, roleIds, ct);
        await UserChecks.EnsureGroupsExistAsync(db, groupIds, ct);
        await guard.EnsureCanAssignRolesAsync(roleIds, ct);
        await EnsureJoiningKeepsCallerScopeAsync(groupIds, ct);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == User.Normalize(request.Email), ct))
        {
            throw Problems.Conflict("user.duplicate_email", $"A user with the email '{request.Email.Trim()}' exists.");
        }

        await EnsureSeatAvailableAsync(ct);
        var user = User.Create(request.Email, request.DisplayName, await passwords.HashAsync(request.Password, ct), clock.GetUtcNow());
        db.Users.Add(user);
        db.UserRoles.AddRange(roleIds.Select(roleId => new UserRole { UserId = user.Id, RoleId = roleId }));
        db.GroupMembers.AddRange(groupIds.Select(groupId => new GroupMember { GroupId = groupId, UserId = user.Id }));
        await db.SaveChangesAsync(ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
        return user;
    }

    public async Task<User> UpdateAsync(Guid id, JsonElement patch, HttpRequest request, CancellationToken ct)
    {
        var user = await LoadForChangeAsync(id, request, ct);
        var edit = MergePatch.Apply(new UserEdit(user.DisplayName), patch);
        await editValidator.EnsureValidAsync(edit, ct);
        if (edit.DisplayName.Trim() != user.DisplayName)
        {
            user.Rename(edit.DisplayName, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
        return user;
    }

    public async Task<User> DisableAsync(Guid id, HttpRequest request, CancellationToken ct)
    {
        var user = await LoadForChangeAsync(id, request, ct);
        if (user.Status != UserStatus.Disabled)
        {
            await unitOfWork.InTransactionAsync(async token =>
            {
                await owners.EnsureNotLastActiveOwnerAsync(id, token);
                if (actor.UserId == id)
                {
                    throw Problems.Conflict("user.cannot_disable_self", "You cannot disable your own account; ask another administrator.");
                }

                user.Disable(clock.GetUtcNow());
                return await db.SaveChangesAsync(token);
            }, ct);

            // After the commit: the session validator joins on the user's status, so the tokens already fail; this
            // also ends the refresh tokens and clears this instance's cache at once.
            await revoker.RevokeAllOfUserAsync(id, "user_disabled", ct);
            await cache.InvalidateAsync(tenant.RequiredTenantId);
        }

        return user;
    }

    public async Task<User> EnableAsync(Guid id, HttpRequest request, CancellationToken ct)
    {
        var user = await LoadForChangeAsync(id, request, ct);
        if (user.Status != UserStatus.Active)
        {
            await EnsureSeatAvailableAsync(ct);
            user.Enable(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            await cache.InvalidateAsync(tenant.RequiredTenantId);
        }

        return user;
    }

    public async Task<User> AssignRolesAsync(Guid id, AssignUserRolesRequest request, HttpRequest http, CancellationToken ct)
    {
        var user = await LoadForChangeAsync(id, http, ct);
        var wanted = (request.RoleIds ?? []).Distinct().ToList();
        await UserChecks.EnsureRolesExistAsync(db, wanted, ct);
        var current = await db.UserRoles.Where(ur => ur.UserId == id).ToListAsync(ct);
        var added = wanted.Except(current.Select(ur => ur.RoleId)).ToList();
        await guard.EnsureCanAssignRolesAsync(added, ct);

        var ownerRoleId = await db.Roles.Where(r => r.IsSystem && r.Name == SystemRoles.Owner).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var losesOwner = current.Any(ur => ur.RoleId == ownerRoleId) && !wanted.Contains(ownerRoleId);
        await unitOfWork.InTransactionAsync(async token =>
        {
            if (losesOwner)
            {
                await owners.EnsureNotLastActiveOwnerAsync(id, token);
            }

            db.UserRoles.RemoveRange(current.Where(ur => !wanted.Contains(ur.RoleId)));
            db.UserRoles.AddRange(added.Select(roleId => new UserRole { UserId = id, RoleId = roleId }));
            user.Touch(clock.GetUtcNow());
            return await db.SaveChangesAsync(token);
        }, ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
        return user;
    }

    public async Task ResetPasswordAsync(Guid id, ResetPasswordRequest request, HttpRequest http, CancellationToken ct)
    {
        var user = await LoadForChangeAsync(id, http, ct);
        UserChecks.EnsurePasswordAcceptable(request.NewPassword, user.Email);
        user.ChangePassword(await passwords.HashAsync(request.NewPassword, ct), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        var sessions = await revoker.RevokeAllOfUserAsync(id, "password_reset", ct);
        await audit.RecordAsync("password.reset", "user", id.ToString(), null, new { sessionsRevoked = sessions }, ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
    }

    /// <summary>The user to change (404), at the version If-Match names (412), and not outranking the caller (403).</summary>
    private async Task<User> LoadForChangeAsync(Guid id, HttpRequest request, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw UserQueries.NotFound(id);
        ETags.EnsureMatches(request, user.Version);
        await guard.EnsureCanManageUserAsync(id, ct);
        return user;
    }

    /// <summary>A new user put in the caller's own groups would widen the caller's group scope (403).</summary>
    private async Task EnsureJoiningKeepsCallerScopeAsync(List<Guid> groupIds, CancellationToken ct)
    {
        if (groupIds.Count == 0)
        {
            return;
        }

        var newcomer = Guid.NewGuid(); // stands for the user about to be created
        var members = (await db.GroupMembers.Where(m => groupIds.Contains(m.GroupId)).Select(m => new { m.GroupId, m.UserId }).ToListAsync(ct))
            .ToLookup(m => m.GroupId, m => m.UserId);
        await guard.EnsureMembershipKeepsCallerScopeAsync(
            groupIds.ToDictionary(id => id, IReadOnlyCollection<Guid> (Guid id) => [.. members[id], newcomer]), ct);
    }

    /// <summary>409 <c>tenant.user_limit</c> when the plan's active users are all taken.</summary>
    private async Task EnsureSeatAvailableAsync(CancellationToken ct)
    {
        var info = await tenants.FindAsync(tenant.RequiredTenantId, ct);
        if (info?.Limits.MaxUsers is { } max && await db.Users.CountAsync(u => u.Status == UserStatus.Active, ct) >= max)
        {
            throw Problems.Conflict("tenant.user_limit", $"The tenant's plan allows {max} active users; disable one or raise the limit.");
        }
    }
}
