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

namespace M3CoreCrm.Modules.Identity.Features.Users;

/// <summary>/api/v1/users: user administration; reads in <see cref="UserQueries"/>, changes in <see cref="UserService"/>.</summary>
internal static class UserEndpoints
{
    internal static void Map(IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        users.MapGet("/", ListAsync)
            .WithName("ListUsers")
            .WithSummary("List users; filter by status (active, disabled), roleId, groupId and q (name or email contains).")
            .RequirePermission(IdentityPermissions.UsersRead)
            .AnswersWith(StatusCodes.Status400BadRequest, "user.invalid_status")
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
            .AnswersWith(StatusCodes.Status400BadRequest, "auth.weak_password", "user.unknown_roles", "user.unknown_groups")
            .AnswersWith(StatusCodes.Status403Forbidden, "auth.privilege_escalation")
            .AnswersWith(StatusCodes.Status409Conflict, "user.duplicate_email", "tenant.user_limit")
            .AnswersWith(StatusCodes.Status503ServiceUnavailable, "auth.busy")
            .Validate<CreateUserRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ReturnsETag();
        users.MapPatch("/{id:guid}", UpdateAsync)
            .WithName("UpdateUser")
            .WithSummary("Change a user's display name (JSON merge patch; If-Match honoured).")
            .RequirePermission(IdentityPermissions.UsersManage)
            .AnswersWith(StatusCodes.Status403Forbidden, "user.outranks_caller")
            .Accepts<UserEdit>(MergePatch.MediaType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch().ReturnsETag();
        users.MapPost("/{id:guid}/disable", DisableAsync)
            .WithName("DisableUser")
            .WithSummary("Disable a user: its sessions and tokens stop working at once. The last active Owner: 409.")
            .RequirePermission(IdentityPermissions.UsersManage)
            .AnswersWith(StatusCodes.Status403Forbidden, "user.outranks_caller")
            .AnswersWith(StatusCodes.Status409Conflict, "user.cannot_disable_self", "user.last_owner")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch().ReturnsETag();
        users.MapPost("/{id:guid}/enable", EnableAsync)
            .WithName("EnableUser")
            .WithSummary("Enable a disabled user (who then logs in again).")
            .RequirePermission(IdentityPermissions.UsersManage)
            .AnswersWith(StatusCodes.Status403Forbidden, "user.outranks_caller")
            .AnswersWith(StatusCodes.Status409Conflict, "tenant.user_limit")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch().ReturnsETag();
        users.MapPut("/{id:guid}/roles", AssignRolesAsync)
            .WithName("AssignUserRoles")
            .WithSummary("Replace a user's roles (If-Match honoured). Taking Owner from the last active Owner: 409.")
            .RequirePermission(IdentityPermissions.UsersManage)
            .AnswersWith(StatusCodes.Status400BadRequest, "user.unknown_roles")
            .AnswersWith(StatusCodes.Status403Forbidden, "user.outranks_caller", "auth.privilege_escalation")
            .AnswersWith(StatusCodes.Status409Conflict, "user.last_owner")
            .Validate<AssignUserRolesRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch().ReturnsETag();
        users.MapPost("/{id:guid}/reset-password", ResetPasswordAsync)
            .WithName("ResetUserPassword")
            .WithSummary("Set a new password for a user (chosen by the administrator); the user's sessions end.")
            .RequirePermission(IdentityPermissions.UsersManage)
            .AnswersWith(StatusCodes.Status400BadRequest, "auth.weak_password")
            .AnswersWith(StatusCodes.Status403Forbidden, "user.outranks_caller")
            .AnswersWith(StatusCodes.Status503ServiceUnavailable, "auth.busy")
            .Validate<ResetPasswordRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .HonoursIfMatch();
    }

    private static async Task<Ok<Page<UserResponse>>> ListAsync(
        [AsParameters] UserListQuery filter, [AsParameters] PageQuery page, UserQueries users, CancellationToken ct) =>
        TypedResults.Ok(await users.ListAsync(filter, page, ct));

    private static async Task<Ok<UserResponse>> GetAsync(Guid id, UserQueries users, HttpResponse response, CancellationToken ct) =>
        await RespondAsync(users, await users.FindAsync(id, ct), response, ct);

    private static async Task<Created<UserResponse>> CreateAsync(
        CreateUserRequest request, UserService service, UserQueries users, HttpResponse response, CancellationToken ct)
    {
        var user = await service.CreateAsync(request, ct);
        ETags.Write(response, user.Version);
        return TypedResults.Created($"/api/v1/users/{user.Id}", await users.ToResponseAsync(user, ct));
    }

    private static async Task<Ok<UserResponse>> UpdateAsync(
        Guid id, [FromBody] JsonElement patch, UserService service, UserQueries users, HttpContext http, CancellationToken ct) =>
        await RespondAsync(users, await service.UpdateAsync(id, patch, http.Request, ct), http.Response, ct);

    private static async Task<Ok<UserResponse>> DisableAsync(Guid id, UserService service, UserQueries users, HttpContext http, CancellationToken ct) =>
        await RespondAsync(users, await service.DisableAsync(id, http.Request, ct), http.Response, ct);

    private static async Task<Ok<UserResponse>> EnableAsync(Guid id, UserService service, UserQueries users, HttpContext http, CancellationToken ct) =>
        await RespondAsync(users, await service.EnableAsync(id, http.Request, ct), http.Response, ct);

    private static async Task<Ok<UserResponse>> AssignRolesAsync(
        Guid id, AssignUserRolesRequest request, UserService service, UserQueries users, HttpContext http, CancellationToken ct) =>
        await RespondAsync(users, await service.AssignRolesAsync(id, request, http.Request, ct), http.Response, ct);

    private static async Task<NoContent> ResetPasswordAsync(Guid id, ResetPasswordRequest request, UserService service, HttpRequest http, CancellationToken ct)
    {
        await service.ResetPasswordAsync(id, request, http, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<UserResponse>> RespondAsync(UserQueries users, User user, HttpResponse response, CancellationToken ct)
    {
        ETags.Write(response, user.Version);
        return TypedResults.Ok(await users.ToResponseAsync(user, ct));
    }
}
