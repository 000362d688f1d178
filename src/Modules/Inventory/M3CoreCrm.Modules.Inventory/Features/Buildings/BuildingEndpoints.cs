using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Inventory.Authorization;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Inventory.Features.Buildings;

internal sealed record CreateBuildingRequest(Guid ProjectId, string Name, int Floors);

/// <summary>A building's editable fields (its project never changes).</summary>
internal sealed record BuildingInput(string Name, int Floors);

internal sealed record BuildingResponse(
    Guid Id, Guid ProjectId, string Name, int Floors, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt)
{
    public static BuildingResponse From(Building b) => new(b.Id, b.ProjectId, b.Name, b.Floors, b.CreatedAt, b.UpdatedAt, b.DeletedAt);
}

internal sealed record BuildingListQuery(Guid? ProjectId, string? Q);

internal static class BuildingRules
{
    internal const int MaxFloors = 300;
}

internal sealed class CreateBuildingValidator : AbstractValidator<CreateBuildingRequest>
{
    public CreateBuildingValidator()
    {
        RuleFor(b => b.ProjectId).NotEmpty();
        RuleFor(b => b.Name).NotEmpty().MaximumLength(Limits.Name).Must(InventoryRules.NoControl);
        RuleFor(b => b.Floors).InclusiveBetween(1, BuildingRules.MaxFloors);
    }
}

internal sealed class BuildingInputValidator : AbstractValidator<BuildingInput>
{
    public BuildingInputValidator()
    {
        RuleFor(b => b.Name).NotEmpty().MaximumLength(Limits.Name).Must(InventoryRules.NoControl);
        RuleFor(b => b.Floors).InclusiveBetween(1, BuildingRules.MaxFloors);
    }
}

/// <summary>/api/v1/inventory/buildings: CRUD with soft delete and restore; keyset lists; ETag and If-Match.</summary>
internal static class BuildingEndpoints
{
    internal static readonly SortCatalog<Building> Sorts = new(
        SortField<Building>.For("id", b => b.Id),
        "-createdAt",
        SortField<Building>.For("createdAt", b => b.CreatedAt),
        SortField<Building>.For("name", b => b.Name));

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
        buildings.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteInventoryBuilding")
            .WithSummary("Delete a building (soft); refused (409) while it has live units. If-Match gives 412 when stale.")
            .RequirePermission(InventoryPermissions.Manage)
            .ProducesWriteProblems(withConflict: true);
        buildings.MapPost("/{id:guid}/restore", RestoreAsync).WithName("RestoreInventoryBuilding")
            .WithSummary("Restore a deleted building (its project must be live).")
            .RequirePermission(InventoryPermissions.Manage).ProducesRecordProblems(withConflict: true)
            .ReturnsETag();
    }

    private static async Task<Created<BuildingResponse>> CreateAsync(CreateBuildingRequest body, InventoryDbContext db, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == body.ProjectId, ct))
        {
            throw InventoryRules.Field("projectId", $"No project {body.ProjectId} exists.");
        }

        var building = Building.Create(body.ProjectId, body.Name.Trim(), body.Floors, clock.GetUtcNow());
        db.Buildings.Add(building);
        await db.SaveChangesAsync(ct);
        ETags.Write(response, building.Version);
        return TypedResults.Created($"/api/v1/inventory/buildings/{building.Id}", BuildingResponse.From(building));
    }

    private static async Task<Ok<Page<BuildingResponse>>> ListAsync(
        [AsParameters] BuildingListQuery filter, [AsParameters] PageQuery page, InventoryDbContext db, CursorCodec cursors, CancellationToken ct)
    {
        var sort = Sorts.Parse(page.Sort);
        var query = db.Buildings.AsNoTracking();
        if (filter.ProjectId is { } projectId)
        {
            query = query.Where(b => b.ProjectId == projectId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var pattern = LikePattern.Contains(filter.Q.Trim());
            query = query.Where(b => EF.Functions.ILike(b.Name, pattern, "\\"));
        }

        return TypedResults.Ok(await Keyset.PageAsync(query, sort, page, cursors, BuildingResponse.From, ct));
    }

    private static async Task<Ok<BuildingResponse>> GetAsync(Guid id, InventoryDbContext db, HttpResponse response, CancellationToken ct)
    {
        var building = await db.Buildings.FindOrNotFoundAsync(id, "building", ct);
        ETags.Write(response, building.Version);
        return TypedResults.Ok(BuildingResponse.From(building));
    }

    private static async Task<Ok<BuildingResponse>> PatchAsync(
        Guid id, JsonElement patch, InventoryDbContext db, IValidator<BuildingInput> validator, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var building = await db.Buildings.FindOrNotFoundAsync(id, "building", ct);
        ETags.EnsureMatches(http.Request, building.Version);
        var input = MergePatch.Apply(new BuildingInput(building.Name, building.Floors), patch);
        await validator.EnsureValidAsync(input, ct);
        if (input.Name.Trim() != building.Name || input.Floors != building.Floors)
        {
            var highest = await db.Units.Where(u => u.BuildingId == id).MaxAsync(u => (int?)u.Floor, ct);
            if (highest > input.Floors)
            {
                throw InventoryRules.Field("floors", $"The building has units on floor {highest}; floors must be at least that.");
            }

            building.Apply(input.Name.Trim(), input.Floors, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }

        ETags.Write(http.Response, building.Version);
        return TypedResults.Ok(BuildingResponse.From(building));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, InventoryDbContext db, TimeProvider clock, HttpRequest request, CancellationToken ct)
    {
        var building = await db.Buildings.FindOrNotFoundAsync(id, "building", ct);
        ETags.EnsureMatches(request, building.Version);
        if (await db.Units.AnyAsync(u => u.BuildingId == id, ct))
        {
            throw Problems.Conflict("building.has_units", "The building has units; delete them first.");
        }

        await db.SoftDeleteAsync(building, clock.GetUtcNow(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<BuildingResponse>> RestoreAsync(Guid id, InventoryDbContext db, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        var building = await db.Buildings.FindOrNotFoundAsync(id, "building", includeDeleted: true, ct);
        if (building.DeletedAt is not null && !await db.Projects.AnyAsync(p => p.Id == building.ProjectId, ct))
        {
            throw Problems.Conflict("building.project_deleted", "The building's project is deleted; restore it first.");
        }

        await db.RestoreAsync(building, clock.GetUtcNow(), ct);

        ETags.Write(response, building.Version);
        return TypedResults.Ok(BuildingResponse.From(building));
    }
}
