using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Identity.Features.Roles;

/// <summary>/api/v1/roles: system roles (read-only) and custom roles with scoped grants; /api/v1/permissions.</summary>
internal static class RoleEndpoints
{
    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/permissions", ListPermissions)
            .WithTags("Roles")
            .WithName("ListPermissions")
            .WithSummary("The permission catalogue: every permission a role can grant, and the scopes it allows.")
            .RequirePermission(IdentityPermissions.RolesRead);

        var roles = api.MapGroup("/roles").WithTags("Roles");
        roles.MapGet("/", ListAsync)
            .WithName("ListRoles")
            .WithSummary("List roles (system and custom) with their grants; filter by q (name) and isSystem.")
            .RequirePermission(IdentityPermissions.RolesRead)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        roles.MapGet("/{id:guid}", GetAsync)
            .WithName("GetRole")
            .WithSummary("Read a role and its grants; the ETag is its version.")
            .RequirePermission(IdentityPermissions.RolesRead)
            .ProducesRecordProblems()
            .ReturnsETag();
        roles.MapPost("/", CreateAsync)
            .WithName("CreateRole")
            .WithSummary("Create a custom role with grants [{permission, scope}]; you can grant only what you hold.")
            .RequirePermission(IdentityPermissions.RolesManage)
            .AnswersWith(StatusCodes.Status403Forbidden, "auth.privilege_escalation")
            .AnswersWith(StatusCodes.Status409Conflict, "role.duplicate_name")
            .Validate<CreateRoleRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ReturnsETag();
        roles.MapPatch("/{id:guid}", UpdateAsync)
            .WithName("UpdateRole")
            .WithSummary("Rename or describe a custom role (JSON merge patch; If-Match honoured). System roles: 409.")
            .RequirePermission(IdentityPermissions.RolesManage)
            .AnswersWith(StatusCodes.Status409Conflict, "role.system", "role.duplicate_name")
            .Accepts<RoleEdit>(MergePatch.MediaType)
            .ProducesPatchProblems(withConflict: true)
            .ReturnsETag();
        roles.MapPut("/{id:guid}/grants", ReplaceGrantsAsync)
            .WithName("ReplaceRoleGrants")
            .WithSummary("Replace a custom role's grants (If-Match honoured). System roles: 409.")
            .RequirePermission(IdentityPermissions.RolesManage)
            .AnswersWith(StatusCodes.Status403Forbidden, "auth.privilege_escalation")
            .AnswersWith(StatusCodes.Status409Conflict, "role.system")
            .Validate<ReplaceRoleGrantsRequest>()
            .ProducesWriteProblems(withConflict: true)
            .ReturnsETag();
        roles.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeleteRole")
            .WithSummary("Delete a custom role that no user or API key holds (If-Match honoured).")
            .RequirePermission(IdentityPermissions.RolesManage)
            .AnswersWith(StatusCodes.Status409Conflict, "role.system", "role.in_use")
            .ProducesWriteProblems(withConflict: true);
    }

    private static Ok<Page<PermissionResponse>> ListPermissions(PermissionCatalog catalog)
    {
        var items = catalog.All.OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new PermissionResponse(p.Name, p.Description, p.Kind, AllowedScopes(p.Kind)))
            .ToList();
        return TypedResults.Ok(new Page<PermissionResponse>(items, null, items.Count));
    }

    internal static IReadOnlyList<PermissionScope> AllowedScopes(PermissionKind kind) =>
        kind == PermissionKind.Admin ? [PermissionScope.All] : [PermissionScope.Own, PermissionScope.Group, PermissionScope.All];

    private static async Task<Ok<Page<RoleResponse>>> ListAsync(
        [AsParameters] RoleListQuery filter, [AsParameters] PageQuery page, RoleQueries roles, CancellationToken ct) =>
        TypedResults.Ok(await roles.ListAsync(filter, page, ct));

    private static async Task<Ok<RoleResponse>> GetAsync(Guid id, RoleQueries roles, HttpResponse response, CancellationToken ct)
    {
        var (role, version) = await roles.GetAsync(id, ct);
        ETags.Write(response, version);
        return TypedResults.Ok(role);
    }

    private static async Task<Created<RoleResponse>> CreateAsync(CreateRoleRequest request, RoleService roles, HttpResponse response, CancellationToken ct)
    {
        var (role, version) = await roles.CreateAsync(request, ct);
        ETags.Write(response, version);
        return TypedResults.Created($"/api/v1/roles/{role.Id}", role);
    }

    private static async Task<Ok<RoleResponse>> UpdateAsync(Guid id, [FromBody] JsonElement patch, RoleService roles, HttpContext http, CancellationToken ct)
    {
        var (role, version) = await roles.UpdateAsync(id, patch, http.Request, ct);
        ETags.Write(http.Response, version);
        return TypedResults.Ok(role);
    }

    private static async Task<Ok<RoleResponse>> ReplaceGrantsAsync(
        Guid id, ReplaceRoleGrantsRequest request, RoleService roles, HttpContext http, CancellationToken ct)
    {
        var (role, version) = await roles.ReplaceGrantsAsync(id, request, http.Request, ct);
        ETags.Write(http.Response, version);
        return TypedResults.Ok(role);
    }

    private static async Task<NoContent> DeleteAsync(Guid id, RoleService roles, HttpRequest request, CancellationToken ct)
    {
        await roles.DeleteAsync(id, request, ct);
        return TypedResults.NoContent();
    }
}
