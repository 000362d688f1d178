using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using M3CoreCrm.Modules.Identity.Infrastructure.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Features.Groups;

/// <summary>
/// Changes of groups and their members. Membership changes never widen the caller's own group scope
/// (<see cref="PrivilegeGuard.EnsureMembershipKeepsCallerScopeAsync"/>) and clear the permission cache.
/// </summary>
internal sealed class GroupService(
    IdentityDbContext db,
    PrivilegeGuard guard,
    PermissionCache cache,
    ITenantContext tenant,
    IValidator<GroupEdit> editValidator,
    TimeProvider clock)
{
    public async Task<Group> CreateAsync(CreateGroupRequest request, CancellationToken ct)
    {
        await EnsureNameFreeAsync(request.Name, null, ct);
        var memberIds = (request.MemberIds ?? []).Distinct().ToList();
        await EnsureUsersExistAsync(memberIds, ct);

        var group = Group.Create(request.Name, Normalize(request.Description), clock.GetUtcNow());
        await guard.EnsureMembershipKeepsCallerScopeAsync(new Dictionary<Guid, IReadOnlyCollection<Guid>> { [group.Id] = memberIds }, ct);
        db.Groups.Add(group);
        db.GroupMembers.AddRange(memberIds.Select(userId => new GroupMember { GroupId = group.Id, UserId = userId }));
        await db.SaveChangesAsync(ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
        return group;
    }

    public async Task<Group> UpdateAsync(Guid id, JsonElement patch, HttpRequest request, CancellationToken ct)
    {
        var group = await LoadAsync(id, request, ct);
        var edit = MergePatch.Apply(new GroupEdit(group.Name, group.Description), patch);
        await editValidator.EnsureValidAsync(edit, ct);
        var now = clock.GetUtcNow();
        if (edit.Name.Trim() != group.Name)
        {
            await EnsureNameFreeAsync(edit.Name, group.Id, ct);
            group.Rename(edit.Name, now);
        }

        if (Normalize(edit.Description) != group.Description)
        {
            group.Describe(Normalize(edit.Description), now);
        }

        // Name and description do not change anyone's permissions: the permission cache stays.
        await db.SaveChangesAsync(ct);
        return group;
    }

    public async Task DeleteAsync(Guid id, HttpRequest request, CancellationToken ct)
    {
        var group = await LoadAsync(id, request, ct);
        db.GroupMembers.RemoveRange(await db.GroupMembers.Where(m => m.GroupId == id).ToListAsync(ct));
        db.Groups.Remove(group);
        await db.SaveChangesAsync(ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
    }

    public async Task<Group> ReplaceMembersAsync(Guid id, ReplaceGroupMembersRequest request, HttpRequest http, CancellationToken ct)
    {
        var group = await LoadAsync(id, http, ct);
        var wanted = (request.UserIds ?? []).Distinct().ToList();
        await EnsureUsersExistAsync(wanted, ct);
        await guard.EnsureMembershipKeepsCallerScopeAsync(new Dictionary<Guid, IReadOnlyCollection<Guid>> { [id] = wanted }, ct);

        var current = await db.GroupMembers.Where(m => m.GroupId == id).ToListAsync(ct);
        db.GroupMembers.RemoveRange(current.Where(m => !wanted.Contains(m.UserId)));
        db.GroupMembers.AddRange(wanted.Except(current.Select(m => m.UserId)).Select(userId => new GroupMember { GroupId = id, UserId = userId }));
        group.Touch(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
        return group;
    }

    public async Task<Group> AddMemberAsync(Guid id, Guid userId, HttpRequest http, CancellationToken ct)
    {
        var group = await LoadAsync(id, http, ct);
        await EnsureUserExistsAsync(userId, ct);
        var members = await db.GroupMembers.Where(m => m.GroupId == id).Select(m => m.UserId).ToListAsync(ct);
        if (!members.Contains(userId))
        {
            await guard.EnsureMembershipKeepsCallerScopeAsync(new Dictionary<Guid, IReadOnlyCollection<Guid>> { [id] = [.. members, userId] }, ct);
            db.GroupMembers.Add(new GroupMember { GroupId = id, UserId = userId });
            group.Touch(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            await cache.InvalidateAsync(tenant.RequiredTenantId);
        }

        return group;
    }

    public async Task<Group> RemoveMemberAsync(Guid id, Guid userId, HttpRequest http, CancellationToken ct)
    {
        var group = await LoadAsync(id, http, ct);
        await EnsureUserExistsAsync(userId, ct);
        if (await db.GroupMembers.FirstOrDefaultAsync(m => m.GroupId == id && m.UserId == userId, ct) is { } member)
        {
            db.GroupMembers.Remove(member);
            group.Touch(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            await cache.InvalidateAsync(tenant.RequiredTenantId);
        }

        return group;
    }

    /// <summary>The group to change (404) at the version If-Match names (412).</summary>
    private async Task<Group> LoadAsync(Guid id, HttpRequest request, CancellationToken ct)
    {
        var group = await db.Groups.FindOrNotFoundAsync(id, "group", ct);
        ETags.EnsureMatches(request, group.Version);
        return group;
    }

    private async Task EnsureUserExistsAsync(Guid userId, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
        {
            throw Problems.NotFound("user", userId);
        }
    }

    /// <summary>400 <c>group.unknown_users</c> naming the ids that are no user of this tenant (other tenants' included).</summary>
    private async Task EnsureUsersExistAsync(List<Guid> userIds, CancellationToken ct)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        var known = await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        var unknown = userIds.Except(known).ToList();
        if (unknown.Count > 0)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "group.unknown_users", "Bad request",
                $"No user of this tenant has the id {string.Join(", ", unknown)}; nothing was changed.",
                new Dictionary<string, object?> { ["unknownUserIds"] = unknown });
        }
    }

    private async Task EnsureNameFreeAsync(string name, Guid? except, CancellationToken ct)
    {
        var same = LikePattern.Literal(name.Trim());
        if (await db.Groups.AnyAsync(g => EF.Functions.ILike(g.Name, same, LikePattern.Escape) && g.Id != except, ct))
        {
            throw Problems.Conflict("group.duplicate_name", $"A group named '{name.Trim()}' exists.");
        }
    }

    private static string? Normalize(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();
}
