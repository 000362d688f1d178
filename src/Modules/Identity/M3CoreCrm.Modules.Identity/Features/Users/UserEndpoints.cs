using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Identity.Authorization;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using M3CoreCrm.Modules.Identity.Features.Auth;
using M3CoreCrm.Modules.Identity.Passwords;
using M3CoreCrm.Modules.Tenancy.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Features.Users;

/// <summary>
/// /api/v1/users: user administration. Every change is limited to users the caller does not outrank
/// (<see cref="PrivilegeGuard"/>), keeps an active Owner (<see cref="OwnerGuard"/>) and clears the permission cache.
/// </summary>
internal static class UserEndpoints
{
    private static readonly SortCatalog<User> Sorts = new(
        SortField<User>.For("id", u => u.Id),
        "displayName",
        SortField<User>.For("displayName", u => u.DisplayName),
        SortField<User>.For("email", u => u.Email),
        SortField<User>.For("createdAt", u => u.CreatedAt));

    internal static void Map(IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        users.MapGet("/", ListAsync)
            .WithName("ListUsers")
            .WithSummary("List users; filter by status (active, disabled), roleId, groupId and q (name or email contains).")
            .RequirePermission(IdentityPermissions.UsersRead)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        users.MapGet("/{id:guid}", GetAsync)
            .WithName("GetUser")
            .WithSummary("Read a user with its roles and groups; the ETag is its version.")
            .RequirePermission(IdentityPermissions.UsersRead)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ReturnsETag();
        users.MapPost("/", CreateAsync)
            .WithName("CreateUser")
            .WithSummary("Create (invite) an active user with an initial password, roles and groups.")
            .RequirePermission(IdentityPermissions.UsersManage)
            .Validate<CreateUserRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ReturnsETag();
        users.MapPatch("/{id:guid}", UpdateAsync)
            .WithName("UpdateUser")
            .WithSummary("Change a user's display name (JSON merge patch; If-Match honoured).")
            .RequirePermission(IdentityPermissions.UsersManage)
            .Accepts<UserEdit>(MergePatch.MediaType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch().ReturnsETag();
        users.MapPost("/{id:guid}/disable", DisableAsync)
            .WithName("DisableUser")
            .WithSummary("Disable a user: its sessions and tokens stop working at once. The last active Owner: 409.")
            .RequirePermission(IdentityPermissions.UsersManage)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch().ReturnsETag();
        users.MapPost("/{id:guid}/enable", EnableAsync)
            .WithName("EnableUser")
            .WithSummary("Enable a disabled user (who then logs in again).")
            .RequirePermission(IdentityPermissions.UsersManage)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch().ReturnsETag();
        users.MapPut("/{id:guid}/roles", AssignRolesAsync)
            .WithName("AssignUserRoles")
            .WithSummary("Replace a user's roles (If-Match honoured). Taking Owner from the last active Owner: 409.")
            .RequirePermission(IdentityPermissions.UsersManage)
            .Validate<AssignUserRolesRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch().ReturnsETag();
        users.MapPost("/{id:guid}/reset-password", ResetPasswordAsync)
            .WithName("ResetUserPassword")
            .WithSummary("Set a new password for a user (chosen by the administrator); the user's sessions end.")
            .RequirePermission(IdentityPermissions.UsersManage)
            .Validate<ResetPasswordRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .HonoursIfMatch();
    }

    private static async Task<Ok<Page<UserResponse>>> ListAsync(
        [AsParameters] UserListQuery filter, [AsParameters] PageQuery page, IdentityDbContext db, CursorCodec cursors, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (filter.Status is { Length: > 0 } text)
        {
            var status = ParseStatus(text);
            query = query.Where(u => u.Status == status);
        }

        if (filter.RoleId is { } roleId)
        {
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }

        if (filter.GroupId is { } groupId)
        {
            query = query.Where(u => db.GroupMembers.Any(m => m.UserId == u.Id && m.GroupId == groupId));
        }

        if (filter.Q is { Length: > 0 } q)
        {
            var pattern = LikePattern.Contains(q);
            query = query.Where(u => EF.Functions.ILike(u.DisplayName, pattern, LikePattern.Escape) || EF.Functions.ILike(u.Email, pattern, LikePattern.Escape));
        }

        var result = await Keyset.PageAsync(query, Sorts.Parse(page.Sort), page, cursors, u => u, ct);
        return TypedResults.Ok(new Page<UserResponse>(await ToResponsesAsync(db, result.Items, ct), result.NextCursor, result.Total));
    }

    private static async Task<Ok<UserResponse>> GetAsync(Guid id, IdentityDbContext db, HttpResponse response, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw NotFound(id);
        return await RespondAsync(db, user, response, ct);
    }

    private static async Task<Created<UserResponse>> CreateAsync(
        CreateUserRequest request, IdentityDbContext db, PasswordHashingGate passwords, PrivilegeGuard guard, PermissionCache cache,
        ITenantContext tenant, ITenantDirectory tenants, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        EnsurePasswordAcceptable(request.Password, request.Email);
        var roleIds = (request.RoleIds ?? []).Distinct().ToList();
        var groupIds = (request.GroupIds ?? []).Distinct().ToList();
        await EnsureRolesExistAsync(db, roleIds, ct);
        await EnsureGroupsExistAsync(db, groupIds, ct);
        await guard.EnsureCanAssignRolesAsync(roleIds, ct);
        await EnsureJoiningKeepsCallerScopeAsync(db, guard, groupIds, ct);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == User.Normalize(request.Email), ct))
        {
            throw Problems.Conflict("user.duplicate_email", $"A user with the email '{request.Email.Trim()}' exists.");
        }

        await EnsureSeatAvailableAsync(db, tenants, tenant, ct);
        var user = User.Create(request.Email, request.DisplayName, await passwords.HashAsync(request.Password, ct), clock.GetUtcNow());
        db.Users.Add(user);
        db.UserRoles.AddRange(roleIds.Select(roleId => new UserRole { UserId = user.Id, RoleId = roleId }));
        db.GroupMembers.AddRange(groupIds.Select(groupId => new GroupMember { GroupId = groupId, UserId = user.Id }));
        await db.SaveChangesAsync(ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
        ETags.Write(response, user.Version);
        return TypedResults.Created($"/api/v1/users/{user.Id}", (await ToResponsesAsync(db, [user], ct))[0]);
    }

    private static async Task<Ok<UserResponse>> UpdateAsync(
        Guid id, [FromBody] JsonElement patch, IValidator<UserEdit> validator, IdentityDbContext db, PrivilegeGuard guard,
        PermissionCache cache, ITenantContext tenant, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var user = await LoadForChangeAsync(db, guard, id, http.Request, ct);
        var edit = MergePatch.Apply(new UserEdit(user.DisplayName), patch);
        await validator.EnsureValidAsync(edit, ct);
        if (edit.DisplayName.Trim() != user.DisplayName)
        {
            user.Rename(edit.DisplayName, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
        return await RespondAsync(db, user, http.Response, ct);
    }

    private static async Task<Ok<UserResponse>> DisableAsync(
        Guid id, IdentityDbContext db, UnitOfWork session, PrivilegeGuard guard, OwnerGuard owners, SessionRevoker revoker,
        PermissionCache cache, ITenantContext tenant, ICurrentActor actor, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var user = await LoadForChangeAsync(db, guard, id, http.Request, ct);
        if (user.Status != UserStatus.Disabled)
        {
            await session.InTransactionAsync(async token =>
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

        return await RespondAsync(db, user, http.Response, ct);
    }

    private static async Task<Ok<UserResponse>> EnableAsync(
        Guid id, IdentityDbContext db, PrivilegeGuard guard, PermissionCache cache, ITenantContext tenant, ITenantDirectory tenants,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var user = await LoadForChangeAsync(db, guard, id, http.Request, ct);
        if (user.Status != UserStatus.Active)
        {
            await EnsureSeatAvailableAsync(db, tenants, tenant, ct);
            user.Enable(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            await cache.InvalidateAsync(tenant.RequiredTenantId);
        }

        return await RespondAsync(db, user, http.Response, ct);
    }

    private static async Task<Ok<UserResponse>> AssignRolesAsync(
        Guid id, AssignUserRolesRequest request, IdentityDbContext db, UnitOfWork session, PrivilegeGuard guard, OwnerGuard owners,
        PermissionCache cache, ITenantContext tenant, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var user = await LoadForChangeAsync(db, guard, id, http.Request, ct);
        var wanted = (request.RoleIds ?? []).Distinct().ToList();
        await EnsureRolesExistAsync(db, wanted, ct);
        var current = await db.UserRoles.Where(ur => ur.UserId == id).ToListAsync(ct);
        var added = wanted.Except(current.Select(ur => ur.RoleId)).ToList();
        await guard.EnsureCanAssignRolesAsync(added, ct);

        var ownerRoleId = await db.Roles.Where(r => r.IsSystem && r.Name == SystemRoles.Owner).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var losesOwner = current.Any(ur => ur.RoleId == ownerRoleId) && !wanted.Contains(ownerRoleId);
        await session.InTransactionAsync(async token =>
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
        return await RespondAsync(db, user, http.Response, ct);
    }

    private static async Task<NoContent> ResetPasswordAsync(
        Guid id, ResetPasswordRequest request, IdentityDbContext db, PasswordHashingGate passwords, PrivilegeGuard guard,
        SessionRevoker revoker, IAuditLog audit, PermissionCache cache, ITenantContext tenant, TimeProvider clock, HttpRequest http, CancellationToken ct)
    {
        var user = await LoadForChangeAsync(db, guard, id, http, ct);
        EnsurePasswordAcceptable(request.NewPassword, user.Email);
        user.ChangePassword(await passwords.HashAsync(request.NewPassword, ct), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        var sessions = await revoker.RevokeAllOfUserAsync(id, "password_reset", ct);
        await audit.RecordAsync("password.reset", "user", id.ToString(), null, new { sessionsRevoked = sessions }, ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
        return TypedResults.NoContent();
    }

    /// <summary>The user to change (404), at the version If-Match names (412), and not outranking the caller (403).</summary>
    private static async Task<User> LoadForChangeAsync(IdentityDbContext db, PrivilegeGuard guard, Guid id, HttpRequest request, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw NotFound(id);
        ETags.EnsureMatches(request, user.Version);
        await guard.EnsureCanManageUserAsync(id, ct);
        return user;
    }

    /// <summary>A new user put in the caller's own groups would widen the caller's group scope (403).</summary>
    private static async Task EnsureJoiningKeepsCallerScopeAsync(IdentityDbContext db, PrivilegeGuard guard, List<Guid> groupIds, CancellationToken ct)
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

    internal static void EnsurePasswordAcceptable(string password, string email)
    {
        if (PasswordPolicy.Check(password, email) is { } reason)
        {
            throw Problems.BadRequest("auth.weak_password", reason);
        }
    }

    private static async Task EnsureRolesExistAsync(IdentityDbContext db, IReadOnlyCollection<Guid> roleIds, CancellationToken ct)
    {
        var known = await db.Roles.Where(r => roleIds.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct);
        var unknown = roleIds.Except(known).ToList();
        if (unknown.Count > 0)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "user.unknown_roles", "Bad request",
                $"No role of this tenant has the id {string.Join(", ", unknown)}; nothing was changed.",
                new Dictionary<string, object?> { ["unknownRoleIds"] = unknown });
        }
    }

    private static async Task EnsureGroupsExistAsync(IdentityDbContext db, IReadOnlyCollection<Guid> groupIds, CancellationToken ct)
    {
        var known = await db.Groups.Where(g => groupIds.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
        var unknown = groupIds.Except(known).ToList();
        if (unknown.Count > 0)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "user.unknown_groups", "Bad request",
                $"No group of this tenant has the id {string.Join(", ", unknown)}; nothing was changed.",
                new Dictionary<string, object?> { ["unknownGroupIds"] = unknown });
        }
    }

    /// <summary>409 <c>tenant.user_limit</c> when the plan's active users are all taken.</summary>
    private static async Task EnsureSeatAvailableAsync(IdentityDbContext db, ITenantDirectory tenants, ITenantContext tenant, CancellationToken ct)
    {
        var info = await tenants.FindAsync(tenant.RequiredTenantId, ct);
        if (info?.Limits.MaxUsers is { } max && await db.Users.CountAsync(u => u.Status == UserStatus.Active, ct) >= max)
        {
            throw Problems.Conflict("tenant.user_limit", $"The tenant's plan allows {max} active users; disable one or raise the limit.");
        }
    }

    private static UserStatus ParseStatus(string text) =>
        Enum.TryParse<UserStatus>(text, ignoreCase: true, out var status) && char.IsLetter(text[0])
            ? status
            : throw Problems.BadRequest("user.invalid_status", "status must be 'active' or 'disabled'.");

    private static async Task<Ok<UserResponse>> RespondAsync(IdentityDbContext db, User user, HttpResponse response, CancellationToken ct)
    {
        ETags.Write(response, user.Version);
        return TypedResults.Ok((await ToResponsesAsync(db, [user], ct))[0]);
    }

    private static async Task<List<UserResponse>> ToResponsesAsync(IdentityDbContext db, IReadOnlyList<User> users, CancellationToken ct)
    {
        var ids = users.Select(u => u.Id).ToList();
        var roles = (await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Id, r.Name, r.IsSystem })
                .ToListAsync(ct))
            .ToLookup(r => r.UserId);
        var groups = (await db.GroupMembers.Where(m => ids.Contains(m.UserId))
                .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { m.UserId, g.Id, g.Name })
                .ToListAsync(ct))
            .ToLookup(g => g.UserId);
        return users.Select(u => new UserResponse(
            u.Id,
            u.Email,
            u.DisplayName,
            u.Status,
            roles[u.Id].OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => new UserRoleSummary(r.Id, r.Name, r.IsSystem)).ToList(),
            groups[u.Id].OrderBy(g => g.Name, StringComparer.Ordinal).Select(g => new UserGroupSummary(g.Id, g.Name)).ToList(),
            u.CreatedAt,
            u.UpdatedAt,
            u.LastLoginAt,
            u.PasswordChangedAt)).ToList();
    }

    private static ApiProblemException NotFound(Guid id) => Problems.NotFound("user", id);
}
