using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Inventory.Features.Buildings;

/// <summary>/api/v1/inventory/buildings: CRUD with soft delete and restore; keyset lists; ETag and If-Match.</summary>
internal static class BuildingEndpoints
{
    internal static void Map(IEndpointRouteBuilder inventory)
    {
        var buildings = inventory.MapGroup("/buildings").WithTags("Inventory");

        buildings.MapPost("/", CreateAsync).WithName("CreateInventoryBuilding")
            .WithSummary("Create a building of a live project.")
            .RequirePermission(InventoryPermissions.Manage).Validate<CreateBuildingRequest>()
            .ReturnsETag();
        buildings.MapGet("/", ListAsync).WithName("ListInventoryBuildings")
            .WithSummary("List buildings: keyset-paged, sorted by createdAt or name, filtered by projectId; q searches the name.")
            .RequirePermission(InventoryPermissions.Read).ProducesProblem(StatusCodes.Status400BadRequest);
        buildings.MapGet("/{id:guid}", GetAsync).WithName("GetInventoryBuilding")
            .WithSummary("Read a building; the ETag header carries its version for If-Match.")
            .RequirePermission(InventoryPermissions.Read).ProducesRecordProblems()
            .ReturnsETag();
        buildings.MapPatch("/{id:guid}", PatchAsync).WithName("UpdateInventoryBuilding")
            .WithSummary("Change a building's name or floors with a JSON merge patch; If-Match gives 412 when stale.")
            .RequirePermission(InventoryPermissions.Manage)
            .AcceptsMergePatch<BuildingInput>()
            .ProducesPatchProblems()
            .ReturnsETag();
        buildings.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteInventoryBuilding").AnswersWith(StatusCodes.Status409Conflict, "building.has_units")
            .WithSummary("Delete a building (soft); refused (409) while it has live units. If-Match gives 412 when stale.")
            .RequirePermission(InventoryPermissions.Manage)
            .ProducesWriteProblems(withConflict: true);
        buildings.MapPost("/{id:guid}/restore", RestoreAsync).WithName("RestoreInventoryBuilding").AnswersWith(StatusCodes.Status409Conflict, "building.project_deleted")
            .WithSummary("Restore a deleted building (its project must be live).")
            .RequirePermission(InventoryPermissions.Manage).ProducesRecordProblems(withConflict: true)
            .ReturnsETag();
    }

    private static async Task<Created<BuildingResponse>> CreateAsync(CreateBuildingRequest body, BuildingService buildings, HttpResponse response, CancellationToken ct)
    {
        var building = await buildings.CreateAsync(body, ct);
        ETags.Write(response, building.Version);
        return TypedResults.Created($"/api/v1/inventory/buildings/{building.Id}", BuildingResponse.From(building));
    }

    private static async Task<Ok<Page<BuildingResponse>>> ListAsync(
        [AsParameters] BuildingListQuery filter, [AsParameters] PageQuery page, BuildingService buildings, CursorCodec cursors, CancellationToken ct) =>
        TypedResults.Ok(await buildings.ListAsync(filter, page, cursors, ct));

    private static async Task<Ok<BuildingResponse>> GetAsync(Guid id, BuildingService buildings, HttpResponse response, CancellationToken ct)
    {
        var building = await buildings.FindAsync(id, ct);
        ETags.Write(response, building.Version);
        return TypedResults.Ok(BuildingResponse.From(building));
    }

    private static async Task<Ok<BuildingResponse>> PatchAsync(Guid id, JsonElement patch, BuildingService buildings, HttpContext http, CancellationToken ct)
    {
        var building = await buildings.FindAsync(id, ct);
        ETags.EnsureMatches(http.Request, building.Version);
        await buildings.PatchAsync(building, patch, ct);
        ETags.Write(http.Response, building.Version);
        return TypedResults.Ok(BuildingResponse.From(building));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, BuildingService buildings, HttpRequest request, CancellationToken ct)
    {
        var building = await buildings.FindAsync(id, ct);
        ETags.EnsureMatches(request, building.Version);
        await buildings.DeleteAsync(building, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<BuildingResponse>> RestoreAsync(Guid id, BuildingService buildings, HttpResponse response, CancellationToken ct)
    {
        var building = await buildings.FindAsync(id, ct, includeDeleted: true);
        await buildings.RestoreAsync(building, ct);
        ETags.Write(response, building.Version);
        return TypedResults.Ok(BuildingResponse.From(building));
    }
}
