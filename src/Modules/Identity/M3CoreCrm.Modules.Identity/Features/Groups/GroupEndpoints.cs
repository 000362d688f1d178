using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Identity.Authorization;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Features.Groups;

/// <summary>/api/v1/groups: teams and their members ("group" scope covers the records of a caller's teammates).</summary>
internal static class GroupEndpoints
{
    private static readonly SortCatalog<Group> Sorts = new(
        SortField<Group>.For("id", g => g.Id),
        "name",
        SortField<Group>.For("name", g => g.Name),
        SortField<Group>.For("createdAt", g => g.CreatedAt));

    internal static void Map(IEndpointRouteBuilder api)
    {
        var groups = api.MapGroup("/groups").WithTags("Groups");
        groups.MapGet("/", ListAsync)
            .WithName("ListGroups")
            .WithSummary("List groups with their members; filter by q (name) and memberId.")
            .RequirePermission(IdentityPermissions.GroupsRead)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        groups.MapGet("/{id:guid}", GetAsync)
            .WithName("GetGroup")
            .WithSummary("Read a group and its members; the ETag is its version.")
            .RequirePermission(IdentityPermissions.GroupsRead)
            .ProducesRecordProblems()
            .ReturnsETag();
        groups.MapPost("/", CreateAsync)
            .WithName("CreateGroup")
            .WithSummary("Create a group, optionally with its first members (user ids of this tenant).")
            .RequirePermission(IdentityPermissions.GroupsManage)
            .Validate<CreateGroupRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ReturnsETag();
        groups.MapPatch("/{id:guid}", UpdateAsync)
            .WithName("UpdateGroup")
            .WithSummary("Rename or describe a group (JSON merge patch; If-Match honoured).")
            .RequirePermission(IdentityPermissions.GroupsManage)
            .Accepts<GroupEdit>(MergePatch.MediaType)
            .ProducesPatchProblems(withConflict: true)
            .ReturnsETag();
        groups.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeleteGroup")
            .WithSummary("Delete a group (its memberships go with it; the users stay). If-Match honoured.")
            .RequirePermission(IdentityPermissions.GroupsManage)
            .ProducesWriteProblems();
        groups.MapPut("/{id:guid}/members", ReplaceMembersAsync)
            .WithName("ReplaceGroupMembers")
            .WithSummary("Make the group's members exactly these users (If-Match honoured). Unknown users: 400, nothing changes.")
            .RequirePermission(IdentityPermissions.GroupsManage)
            .Validate<ReplaceGroupMembersRequest>()
            .ProducesWriteProblems()
            .ReturnsETag();
        groups.MapPost("/{id:guid}/members/{userId:guid}", AddMemberAsync)
            .WithName("AddGroupMember")
            .WithSummary("Add a user to the group (no change if already a member).")
            .RequirePermission(IdentityPermissions.GroupsManage)
            .ProducesWriteProblems()
            .ReturnsETag();
        groups.MapDelete("/{id:guid}/members/{userId:guid}", RemoveMemberAsync)
            .WithName("RemoveGroupMember")
            .WithSummary("Remove a user from the group (no change if not a member).")
            .RequirePermission(IdentityPermissions.GroupsManage)
            .ProducesWriteProblems()
            .ReturnsETag();
    }

    private static async Task<Ok<Page<GroupResponse>>> ListAsync(
        [AsParameters] GroupListQuery filter, [AsParameters] PageQuery page, IdentityDbContext db, CursorCodec cursors, CancellationToken ct)
    {
        var query = db.Groups.AsNoTracking();
        if (filter.Q is { Length: > 0 } q)
        {
            var pattern = LikePattern.Contains(q);
            query = query.Where(g => EF.Functions.ILike(g.Name, pattern, LikePattern.Escape));
        }

        if (filter.MemberId is { } memberId)
        {
            query = query.Where(g => db.GroupMembers.Any(m => m.GroupId == g.Id && m.UserId == memberId));
        }

        var result = await Keyset.PageAsync(query, Sorts.Parse(page.Sort), page, cursors, g => g, ct);
        return TypedResults.Ok(new Page<GroupResponse>(await ToResponsesAsync(db, result.Items, ct), result.NextCursor, result.Total));
    }

    private static async Task<Ok<GroupResponse>> GetAsync(Guid id, IdentityDbContext db, HttpResponse response, CancellationToken ct)
    {
        var group = await db.Groups.AsNoTracking().FindOrNotFoundAsync(id, "group", ct);
        ETags.Write(response, group.Version);
        return TypedResults.Ok((await ToResponsesAsync(db, [group], ct))[0]);
    }

    private static async Task<Created<GroupResponse>> CreateAsync(
        CreateGroupRequest request, IdentityDbContext db, PrivilegeGuard guard, PermissionCache cache, ITenantContext tenant, TimeProvider clock,
        HttpResponse response, CancellationToken ct)
    {
        await EnsureNameFreeAsync(db, request.Name, null, ct);
        var memberIds = (request.MemberIds ?? []).Distinct().ToList();
        await EnsureUsersExistAsync(db, memberIds, ct);

        var group = Group.Create(request.Name, Normalize(request.Description), clock.GetUtcNow());
        await guard.EnsureMembershipKeepsCallerScopeAsync(new Dictionary<Guid, IReadOnlyCollection<Guid>> { [group.Id] = memberIds }, ct);
        db.Groups.Add(group);
        db.GroupMembers.AddRange(memberIds.Select(userId => new GroupMember { GroupId = group.Id, UserId = userId }));
        await db.SaveChangesAsync(ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
        ETags.Write(response, group.Version);
        return TypedResults.Created($"/api/v1/groups/{group.Id}", (await ToResponsesAsync(db, [group], ct))[0]);
    }

    private static async Task<Ok<GroupResponse>> UpdateAsync(
        Guid id, [FromBody] JsonElement patch, IValidator<GroupEdit> validator, IdentityDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var group = await db.Groups.FindOrNotFoundAsync(id, "group", ct);
        ETags.EnsureMatches(http.Request, group.Version);
        var edit = MergePatch.Apply(new GroupEdit(group.Name, group.Description), patch);
        await validator.EnsureValidAsync(edit, ct);
        var now = clock.GetUtcNow();
        if (edit.Name.Trim() != group.Name)
        {
            await EnsureNameFreeAsync(db, edit.Name, group.Id, ct);
            group.Rename(edit.Name, now);
        }

        if (Normalize(edit.Description) != group.Description)
        {
            group.Describe(Normalize(edit.Description), now);
        }

        // Name and description do not change anyone's permissions: the permission cache stays.
        await db.SaveChangesAsync(ct);
        ETags.Write(http.Response, group.Version);
        return TypedResults.Ok((await ToResponsesAsync(db, [group], ct))[0]);
    }

    private static async Task<NoContent> DeleteAsync(
        Guid id, IdentityDbContext db, PermissionCache cache, ITenantContext tenant, HttpRequest request, CancellationToken ct)
    {
        var group = await db.Groups.FindOrNotFoundAsync(id, "group", ct);
        ETags.EnsureMatches(request, group.Version);
        db.GroupMembers.RemoveRange(await db.GroupMembers.Where(m => m.GroupId == id).ToListAsync(ct));
        db.Groups.Remove(group);
        await db.SaveChangesAsync(ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<GroupResponse>> ReplaceMembersAsync(
        Guid id, ReplaceGroupMembersRequest request, IdentityDbContext db, PrivilegeGuard guard, PermissionCache cache, ITenantContext tenant,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var group = await db.Groups.FindOrNotFoundAsync(id, "group", ct);
        ETags.EnsureMatches(http.Request, group.Version);
        var wanted = (request.UserIds ?? []).Distinct().ToList();
        await EnsureUsersExistAsync(db, wanted, ct);
        await guard.EnsureMembershipKeepsCallerScopeAsync(new Dictionary<Guid, IReadOnlyCollection<Guid>> { [id] = wanted }, ct);

        var current = await db.GroupMembers.Where(m => m.GroupId == id).ToListAsync(ct);
        db.GroupMembers.RemoveRange(current.Where(m => !wanted.Contains(m.UserId)));
        db.GroupMembers.AddRange(wanted.Except(current.Select(m => m.UserId)).Select(userId => new GroupMember { GroupId = id, UserId = userId }));
        group.Touch(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
        ETags.Write(http.Response, group.Version);
        return TypedResults.Ok((await ToResponsesAsync(db, [group], ct))[0]);
    }

    private static async Task<NoContent> AddMemberAsync(
        Guid id, Guid userId, IdentityDbContext db, PrivilegeGuard guard, PermissionCache cache, ITenantContext tenant, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var group = await db.Groups.FindOrNotFoundAsync(id, "group", ct);
        ETags.EnsureMatches(http.Request, group.Version);
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
        {
            throw Problems.NotFound("user", userId);
        }

        var members = await db.GroupMembers.Where(m => m.GroupId == id).Select(m => m.UserId).ToListAsync(ct);
        if (!members.Contains(userId))
        {
            await guard.EnsureMembershipKeepsCallerScopeAsync(new Dictionary<Guid, IReadOnlyCollection<Guid>> { [id] = [.. members, userId] }, ct);
            db.GroupMembers.Add(new GroupMember { GroupId = id, UserId = userId });
            group.Touch(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            await cache.InvalidateAsync(tenant.RequiredTenantId);
        }

        ETags.Write(http.Response, group.Version);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RemoveMemberAsync(
        Guid id, Guid userId, IdentityDbContext db, PermissionCache cache, ITenantContext tenant, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var group = await db.Groups.FindOrNotFoundAsync(id, "group", ct);
        ETags.EnsureMatches(http.Request, group.Version);
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
        {
            throw Problems.NotFound("user", userId);
        }

        if (await db.GroupMembers.FirstOrDefaultAsync(m => m.GroupId == id && m.UserId == userId, ct) is { } member)
        {
            db.GroupMembers.Remove(member);
            group.Touch(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            await cache.InvalidateAsync(tenant.RequiredTenantId);
        }

        ETags.Write(http.Response, group.Version);
        return TypedResults.NoContent();
    }

    /// <summary>400 <c>group.unknown_users</c> naming the ids that are no user of this tenant (other tenants' included).</summary>
    private static async Task EnsureUsersExistAsync(IdentityDbContext db, List<Guid> userIds, CancellationToken ct)
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

    private static async Task EnsureNameFreeAsync(IdentityDbContext db, string name, Guid? except, CancellationToken ct)
    {
        var same = LikePattern.Literal(name.Trim());
        if (await db.Groups.AnyAsync(g => EF.Functions.ILike(g.Name, same, LikePattern.Escape) && g.Id != except, ct))
        {
            throw Problems.Conflict("group.duplicate_name", $"A group named '{name.Trim()}' exists.");
        }
    }

    private static async Task<List<GroupResponse>> ToResponsesAsync(IdentityDbContext db, IReadOnlyList<Group> groups, CancellationToken ct)
    {
        var ids = groups.Select(g => g.Id).ToList();
        var members = (await db.GroupMembers.Where(m => ids.Contains(m.GroupId))
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.GroupId, u.Id, u.DisplayName, u.Email, u.Status })
                .ToListAsync(ct))
            .ToLookup(m => m.GroupId);
        return groups.Select(g => new GroupResponse(
            g.Id,
            g.Name,
            g.Description,
            members[g.Id].OrderBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase)
                .Select(m => new GroupMemberResponse(m.Id, m.DisplayName, m.Email, m.Status)).ToList(),
            g.CreatedAt,
            g.UpdatedAt)).ToList();
    }

    private static string? Normalize(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();
}
