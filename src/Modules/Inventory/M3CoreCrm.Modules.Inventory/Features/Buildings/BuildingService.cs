using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Domain;
using M3CoreCrm.Modules.Inventory.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Inventory.Features.Buildings;

/// <summary>Buildings: create, list, read, change, delete (soft; refused while it has live units) and restore.</summary>
internal sealed class BuildingService(InventoryDbContext db, IValidator<BuildingInput> validator, TimeProvider clock)
{
    internal static readonly SortCatalog<Building> Sorts = new(
        SortField<Building>.For("id", b => b.Id),
        "-createdAt",
        SortField<Building>.For("createdAt", b => b.CreatedAt),
        SortField<Building>.For("name", b => b.Name));

    public async Task<Building> CreateAsync(CreateBuildingRequest request, CancellationToken ct)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == request.ProjectId, ct))
        {
            throw InventoryRules.Field("projectId", $"No project {request.ProjectId} exists.");
        }

        var building = Building.Create(request.ProjectId, request.Name.Trim(), request.Floors, clock.GetUtcNow());
        db.Buildings.Add(building);
        await db.SaveChangesAsync(ct);
        return building;
    }

    public async Task<Page<BuildingResponse>> ListAsync(BuildingListQuery filter, PageQuery page, CursorCodec cursors, CancellationToken ct)
    {
        var sort = Sorts.Parse(page.Sort);
        var query = db.Buildings.AsNoTracking();
        if (filter.ProjectId is { } projectId)
        {
            query = query.Where(b => b.ProjectId == projectId);
        }

        return await Keyset.PageAsync(query.WhereNameContains(filter.Q), sort, page, cursors, BuildingResponse.From, ct);
    }

    public Task<Building> FindAsync(Guid id, CancellationToken ct, bool includeDeleted = false) =>
        db.Buildings.FindOrNotFoundAsync(id, "building", includeDeleted, ct);

    /// <summary>Applies a merge patch; the floors may not drop below the highest unit's floor.</summary>
    public async Task PatchAsync(Building building, JsonElement patch, CancellationToken ct)
    {
        var input = MergePatch.Apply(new BuildingInput(building.Name, building.Floors), patch);
        await validator.EnsureValidAsync(input, ct);
        if (input.Name.Trim() == building.Name && input.Floors == building.Floors)
        {
            return;
        }

        var highest = await db.Units.Where(u => u.BuildingId == building.Id).MaxAsync(u => (int?)u.Floor, ct);
        if (highest > input.Floors)
        {
            throw InventoryRules.Field("floors", $"The building has units on floor {highest}; floors must be at least that.");
        }

        building.Apply(input.Name.Trim(), input.Floors, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(Building building, CancellationToken ct)
    {
        if (await db.Units.AnyAsync(u => u.BuildingId == building.Id, ct))
        {
            throw Problems.Conflict("building.has_units", "The building has units; delete them first.");
        }

        await db.SoftDeleteAsync(building, clock.GetUtcNow(), ct);
    }

    public async Task RestoreAsync(Building building, CancellationToken ct)
    {
        if (building.DeletedAt is not null && !await db.Projects.AnyAsync(p => p.Id == building.ProjectId, ct))
        {
            throw Problems.Conflict("building.project_deleted", "The building's project is deleted; restore it first.");
        }

        await db.RestoreAsync(building, clock.GetUtcNow(), ct);
    }
}
