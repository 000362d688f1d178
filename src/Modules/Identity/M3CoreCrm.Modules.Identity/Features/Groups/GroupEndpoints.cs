using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Identity.Features.Groups;

/// <summary>
/// /api/v1/groups: teams and their members ("group" scope covers the records of a caller's teammates); reads in
/// <see cref="GroupQueries"/>, changes in <see cref="GroupService"/>.
/// </summary>
internal static class GroupEndpoints
{
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
            .AnswersWith(StatusCodes.Status400BadRequest, "group.unknown_users")
            .AnswersWith(StatusCodes.Status403Forbidden, "auth.privilege_escalation")
            .AnswersWith(StatusCodes.Status409Conflict, "group.duplicate_name")
            .Validate<CreateGroupRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ReturnsETag();
        groups.MapPatch("/{id:guid}", UpdateAsync)
            .WithName("UpdateGroup")
            .WithSummary("Rename or describe a group (JSON merge patch; If-Match honoured).")
            .RequirePermission(IdentityPermissions.GroupsManage)
            .AnswersWith(StatusCodes.Status409Conflict, "group.duplicate_name")
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
            .AnswersWith(StatusCodes.Status400BadRequest, "group.unknown_users")
            .AnswersWith(StatusCodes.Status403Forbidden, "auth.privilege_escalation")
            .Validate<ReplaceGroupMembersRequest>()
            .ProducesWriteProblems()
            .ReturnsETag();
        groups.MapPost("/{id:guid}/members/{userId:guid}", AddMemberAsync)
            .WithName("AddGroupMember")
            .WithSummary("Add a user to the group (no change if already a member).")
            .RequirePermission(IdentityPermissions.GroupsManage)
            .AnswersWith(StatusCodes.Status403Forbidden, "auth.privilege_escalation")
            .AnswersWith(StatusCodes.Status404NotFound, "group.not_found", "user.not_found")
            .ProducesWriteProblems()
            .ReturnsETag();
        groups.MapDelete("/{id:guid}/members/{userId:guid}", RemoveMemberAsync)
            .WithName("RemoveGroupMember")
            .WithSummary("Remove a user from the group (no change if not a member).")
            .RequirePermission(IdentityPermissions.GroupsManage)
            .AnswersWith(StatusCodes.Status404NotFound, "group.not_found", "user.not_found")
            .ProducesWriteProblems()
            .ReturnsETag();
    }

    private static async Task<Ok<Page<GroupResponse>>> ListAsync(
        [AsParameters] GroupListQuery filter, [AsParameters] PageQuery page, GroupQueries groups, CancellationToken ct) =>
        TypedResults.Ok(await groups.ListAsync(filter, page, ct));

    private static async Task<Ok<GroupResponse>> GetAsync(Guid id, GroupQueries groups, HttpResponse response, CancellationToken ct) =>
        await RespondAsync(groups, await groups.FindAsync(id, ct), response, ct);

    private static async Task<Created<GroupResponse>> CreateAsync(
        CreateGroupRequest request, GroupService service, GroupQueries groups, HttpResponse response, CancellationToken ct)
    {
        var group = await service.CreateAsync(request, ct);
        ETags.Write(response, group.Version);
        return TypedResults.Created($"/api/v1/groups/{group.Id}", await groups.ToResponseAsync(group, ct));
    }

    private static async Task<Ok<GroupResponse>> UpdateAsync(
        Guid id, [FromBody] JsonElement patch, GroupService service, GroupQueries groups, HttpContext http, CancellationToken ct) =>
        await RespondAsync(groups, await service.UpdateAsync(id, patch, http.Request, ct), http.Response, ct);

    private static async Task<NoContent> DeleteAsync(Guid id, GroupService service, HttpRequest request, CancellationToken ct)
    {
        await service.DeleteAsync(id, request, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<GroupResponse>> ReplaceMembersAsync(
        Guid id, ReplaceGroupMembersRequest request, GroupService service, GroupQueries groups, HttpContext http, CancellationToken ct) =>
        await RespondAsync(groups, await service.ReplaceMembersAsync(id, request, http.Request, ct), http.Response, ct);

    private static async Task<NoContent> AddMemberAsync(Guid id, Guid userId, GroupService service, HttpContext http, CancellationToken ct)
    {
        var group = await service.AddMemberAsync(id, userId, http.Request, ct);
        ETags.Write(http.Response, group.Version);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RemoveMemberAsync(Guid id, Guid userId, GroupService service, HttpContext http, CancellationToken ct)
    {
        var group = await service.RemoveMemberAsync(id, userId, http.Request, ct);
        ETags.Write(http.Response, group.Version);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<GroupResponse>> RespondAsync(GroupQueries groups, Group group, HttpResponse response, CancellationToken ct)
    {
        ETags.Write(response, group.Version);
        return TypedResults.Ok(await groups.ToResponseAsync(group, ct));
    }
}
