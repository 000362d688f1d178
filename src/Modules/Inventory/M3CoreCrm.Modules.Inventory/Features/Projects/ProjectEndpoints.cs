using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Inventory.Features.Projects;

/// <summary>/api/v1/inventory/projects: CRUD with soft delete and restore; keyset lists; ETag and If-Match.</summary>
internal static class ProjectEndpoints
{
    internal static void Map(IEndpointRouteBuilder inventory)
    {
        var projects = inventory.MapGroup("/projects").WithTags("Inventory");

        projects.MapPost("/", CreateAsync).WithName("CreateInventoryProject")
            .WithSummary("Create a project (status defaults to planning).")
            .RequirePermission(InventoryPermissions.Manage).Validate<ProjectInput>()
            .ReturnsETag();
        projects.MapGet("/", ListAsync).WithName("ListInventoryProjects")
            .WithSummary("List projects: keyset-paged, sorted by createdAt or name, filtered by status; q searches the name.")
            .RequirePermission(InventoryPermissions.Read).ProducesProblem(StatusCodes.Status400BadRequest);
        projects.MapGet("/{id:guid}", GetAsync).WithName("GetInventoryProject")
            .WithSummary("Read a project; the ETag header carries its version for If-Match.")
            .RequirePermission(InventoryPermissions.Read).ProducesRecordProblems()
            .ReturnsETag();
        projects.MapPatch("/{id:guid}", PatchAsync).WithName("UpdateInventoryProject")
            .WithSummary("Change a project with a JSON merge patch; If-Match gives 412 when stale.")
            .RequirePermission(InventoryPermissions.Manage)
            .AcceptsMergePatch<ProjectInput>()
            .ProducesPatchProblems()
            .ReturnsETag();
        projects.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteInventoryProject").AnswersWith(StatusCodes.Status409Conflict, "project.has_buildings")
            .WithSummary("Delete a project (soft); refused (409) while it has live buildings. If-Match gives 412 when stale.")
            .RequirePermission(InventoryPermissions.Manage)
            .ProducesWriteProblems(withConflict: true);
        projects.MapPost("/{id:guid}/restore", RestoreAsync).WithName("RestoreInventoryProject")
            .WithSummary("Restore a deleted project (a live one is returned as it is).")
            .RequirePermission(InventoryPermissions.Manage).ProducesRecordProblems()
            .ReturnsETag();
    }

    private static async Task<Created<ProjectResponse>> CreateAsync(ProjectInput body, ProjectService projects, HttpResponse response, CancellationToken ct)
    {
        var project = await projects.CreateAsync(body, ct);
        ETags.Write(response, project.Version);
        return TypedResults.Created($"/api/v1/inventory/projects/{project.Id}", ProjectResponse.From(project));
    }

    private static async Task<Ok<Page<ProjectResponse>>> ListAsync(
        [AsParameters] ProjectListQuery filter, [AsParameters] PageQuery page, ProjectService projects, CursorCodec cursors, CancellationToken ct) =>
        TypedResults.Ok(await projects.ListAsync(filter, page, cursors, ct));

    private static async Task<Ok<ProjectResponse>> GetAsync(Guid id, ProjectService projects, HttpResponse response, CancellationToken ct)
    {
        var project = await projects.FindAsync(id, ct);
        ETags.Write(response, project.Version);
        return TypedResults.Ok(ProjectResponse.From(project));
    }

    private static async Task<Ok<ProjectResponse>> PatchAsync(Guid id, JsonElement patch, ProjectService projects, HttpContext http, CancellationToken ct)
    {
        var project = await projects.FindAsync(id, ct);
        ETags.EnsureMatches(http.Request, project.Version);
        await projects.PatchAsync(project, patch, ct);
        ETags.Write(http.Response, project.Version);
        return TypedResults.Ok(ProjectResponse.From(project));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, ProjectService projects, HttpRequest request, CancellationToken ct)
    {
        var project = await projects.FindAsync(id, ct);
        ETags.EnsureMatches(request, project.Version);
        await projects.DeleteAsync(project, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ProjectResponse>> RestoreAsync(Guid id, ProjectService projects, HttpResponse response, CancellationToken ct)
    {
        var project = await projects.FindAsync(id, ct, includeDeleted: true);
        await projects.RestoreAsync(project, ct);
        ETags.Write(response, project.Version);
        return TypedResults.Ok(ProjectResponse.From(project));
    }
}
