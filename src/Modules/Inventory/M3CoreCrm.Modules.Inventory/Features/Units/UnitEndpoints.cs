using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Inventory.Features.Units;

/// <summary>
/// /api/v1/inventory/units: CRUD with soft delete and restore, availability search, batch create, and the bulk
/// generation of a building's units. Single units carry an ETag; writes honour If-Match.
/// </summary>
internal static class UnitEndpoints
{
    internal static void Map(IEndpointRouteBuilder inventory)
    {
        var units = inventory.MapGroup("/units").WithTags("Inventory");

        units.MapPost("/", CreateAsync).WithName("CreateInventoryUnit").AnswersWith(StatusCodes.Status409Conflict, "unit.code_taken")
            .WithSummary("Create a unit of a building (available); the code is unique in the building.")
            .RequirePermission(InventoryPermissions.Manage).Validate<CreateUnitRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ReturnsETag();
        units.MapGet("/", ListAsync).WithName("ListInventoryUnits")
            .WithSummary("Availability search: keyset-paged units filtered by project, building, type, bedrooms, area and price ranges, status (as of now), view and floor.")
            .RequirePermission(InventoryPermissions.Read).ProducesProblem(StatusCodes.Status400BadRequest);
        units.MapGet("/{id:guid}", GetAsync).WithName("GetInventoryUnit")
            .WithSummary("Read a unit; the ETag header carries its version for If-Match.")
            .RequirePermission(InventoryPermissions.Read).ProducesRecordProblems()
            .ReturnsETag();
        units.MapPatch("/{id:guid}", PatchAsync).WithName("UpdateInventoryUnit")
            .WithSummary("Change a unit's fields with a JSON merge patch (status changes only through holds, reservations, deals and blocks); If-Match gives 412 when stale.")
            .RequirePermission(InventoryPermissions.Manage)
            .AcceptsMergePatch<UnitInput>()
            .ProducesPatchProblems(withConflict: true)
            .ReturnsETag();
        units.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteInventoryUnit").AnswersWith(StatusCodes.Status409Conflict, "unit.claimed")
            .WithSummary("Delete a unit (soft); refused (409) while it is held, reserved or sold. If-Match gives 412 when stale.")
            .RequirePermission(InventoryPermissions.Manage)
            .ProducesWriteProblems(withConflict: true);
        units.MapPost("/{id:guid}/restore", RestoreAsync).WithName("RestoreInventoryUnit").AnswersWith(StatusCodes.Status409Conflict, "unit.building_deleted")
            .WithSummary("Restore a deleted unit (its building must be live).")
            .RequirePermission(InventoryPermissions.Manage).ProducesRecordProblems(withConflict: true)
            .ReturnsETag();
        units.MapPatch("/batch", BatchUpdateAsync).WithName("BatchUpdateInventoryUnits")
            .WithSummary("Change up to 100 units, each named by buildingId and code and changed by a JSON merge patch, each on its own: a result per record (200 with its id, or its problem: 404 unit.not_found for an unknown code).")
            .RequirePermission(InventoryPermissions.Manage).ProducesProblem(StatusCodes.Status400BadRequest);
        units.MapPost("/batch", BatchAsync).WithName("BatchCreateInventoryUnits").AnswersWith(StatusCodes.Status409Conflict, "unit.codes_taken")
            .WithSummary("Create up to 100 units, each on its own: a result per record (201 with its id, or its problem).")
            .RequirePermission(InventoryPermissions.Manage).ProducesProblem(StatusCodes.Status400BadRequest);

        inventory.MapPost("/buildings/{id:guid}/units/generate", GenerateAsync).WithTags("Inventory").WithName("GenerateInventoryUnits").AnswersWith(StatusCodes.Status409Conflict, "unit.codes_taken")
            .WithSummary("Generate floors × unitsPerFloor units of a building (codes from codePattern, default {floor}{index:00}; price + pricePerFloorStep per floor). All or nothing: codes that exist already give 409 naming them.")
            .RequirePermission(InventoryPermissions.Manage).Validate<GenerateUnitsRequest>()
            .ProducesRecordProblems(withConflict: true);
    }

    private static async Task<Created<UnitResponse>> CreateAsync(CreateUnitRequest body, UnitService units, HttpResponse response, CancellationToken ct)
    {
        var unit = await units.CreateAsync(body, ct);
        ETags.Write(response, unit.Version);
        return TypedResults.Created($"/api/v1/inventory/units/{unit.Id}", UnitResponse.From(unit, units.Now));
    }

    private static async Task<Ok<Page<UnitResponse>>> ListAsync(
        [AsParameters] UnitListQuery filter, [AsParameters] PageQuery page, UnitQueries units, CursorCodec cursors, CancellationToken ct) =>
        TypedResults.Ok(await units.ListAsync(filter, page, cursors, ct));

    private static async Task<Ok<UnitResponse>> GetAsync(Guid id, UnitQueries units, HttpResponse response, CancellationToken ct)
    {
        var unit = await units.FindAsync(id, ct);
        ETags.Write(response, unit.Version);
        return TypedResults.Ok(UnitResponse.From(unit, units.Now));
    }

    private static async Task<Ok<UnitResponse>> PatchAsync(Guid id, JsonElement patch, UnitQueries queries, UnitService units, HttpContext http, CancellationToken ct)
    {
        var unit = await queries.FindAsync(id, ct);
        ETags.EnsureMatches(http.Request, unit.Version);
        await units.PatchAsync(unit, patch, ct);
        ETags.Write(http.Response, unit.Version);
        return TypedResults.Ok(UnitResponse.From(unit, units.Now));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, UnitQueries queries, UnitService units, HttpRequest request, CancellationToken ct)
    {
        var unit = await queries.FindAsync(id, ct);
        ETags.EnsureMatches(request, unit.Version);
        await units.DeleteAsync(unit, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<UnitResponse>> RestoreAsync(Guid id, UnitQueries queries, UnitService units, HttpResponse response, CancellationToken ct)
    {
        var unit = await queries.FindAsync(id, ct, includeDeleted: true);
        await units.RestoreAsync(unit, ct);
        ETags.Write(response, unit.Version);
        return TypedResults.Ok(UnitResponse.From(unit, units.Now));
    }

    private static async Task<Ok<BatchResponse>> BatchAsync(UnitBatchRequest body, UnitService units, CancellationToken ct) =>
        TypedResults.Ok(await units.BatchAsync(body.Items ?? [], ct));

    private static async Task<Ok<BatchResponse>> BatchUpdateAsync(UnitBatchUpdateRequest body, UnitService units, CancellationToken ct) =>
        TypedResults.Ok(await units.BatchUpdateAsync(body.Items ?? [], ct));

    private static async Task<Created<GenerateUnitsResponse>> GenerateAsync(Guid id, GenerateUnitsRequest body, UnitService units, CancellationToken ct)
    {
        var created = await units.GenerateAsync(id, body, ct);
        var now = units.Now;
        return TypedResults.Created($"/api/v1/inventory/units?buildingId={id}",
            new GenerateUnitsResponse(created.Count, created.OrderBy(u => u.Floor).ThenBy(u => u.Code, StringComparer.Ordinal).Select(u => UnitResponse.From(u, now)).ToList()));
    }
}
