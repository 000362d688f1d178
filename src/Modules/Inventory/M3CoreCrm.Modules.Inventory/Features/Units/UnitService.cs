using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Domain;
using M3CoreCrm.Modules.Inventory.Features.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Inventory.Features.Units;

/// <summary>Unit writes shared by the endpoints, the batch call and the demo seeder.</summary>
internal sealed class UnitService(
    InventoryDbContext db,
    TimeProvider clock,
    IValidator<CreateUnitRequest> createValidator,
    IValidator<UnitInput> inputValidator)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<Unit> CreateAsync(CreateUnitRequest request, CancellationToken ct)
    {
        await createValidator.EnsureValidAsync(request, ct);
        var building = await db.Buildings.FirstOrDefaultAsync(b => b.Id == request.BuildingId, ct)
            ?? throw InventoryRules.Field("buildingId", $"No building {request.BuildingId} exists.");
        var details = UnitRules.Details(request);
        CheckFloor(building, details.Floor);
        var unit = Unit.Create(building, details, Now);
        db.Units.Add(unit);
        await SaveAsync([details.Code], ct);
        return unit;
    }

    public async Task PatchAsync(Unit unit, JsonElement patch, CancellationToken ct)
    {
        var input = MergePatch.Apply(UnitInput.From(unit), patch);
        await inputValidator.EnsureValidAsync(input, ct);
        var details = UnitRules.Details(input);
        if (details == unit.Details())
        {
            return;
        }

        var building = await db.Buildings.IgnoreQueryFilters([QueryFilters.SoftDelete]).FirstAsync(b => b.Id == unit.BuildingId, ct);
        CheckFloor(building, details.Floor);
        unit.Apply(details, Now);
        await SaveAsync([details.Code], ct);
    }

    public Task DeleteAsync(Unit unit, CancellationToken ct) => db.SoftDeleteAsync(unit, Now, ct);

    /// <summary>Restores a deleted unit; its building must be live (409 otherwise).</summary>
    public async Task RestoreAsync(Unit unit, CancellationToken ct)
    {
        if (unit.DeletedAt is not null && !await db.Buildings.AnyAsync(b => b.Id == unit.BuildingId, ct))
        {
            throw Problems.Conflict("unit.building_deleted", "The unit's building is deleted; restore it first.");
        }

        await db.RestoreAsync(unit, Now, ct);
    }

    /// <summary>Creates each item on its own (a savepoint each): a result per record.</summary>
    public Task<BatchResponse> BatchAsync(IReadOnlyList<CreateUnitRequest> items, CancellationToken ct) =>
        Batch.RunAsync(items, db, async (item, token) =>
        {
            var unit = await CreateAsync(item, token);
            return (StatusCodes.Status201Created, unit.Id);
        }, ct);

    /// <summary>
    /// Changes each item's unit, found by building and code, on its own: 200 with its id, 404 unit.not_found when the
    /// building has no live unit with that code, or the problem a PATCH of that unit would give.
    /// </summary>
    public Task<BatchResponse> BatchUpdateAsync(IReadOnlyList<UnitBatchUpdateItem?> items, CancellationToken ct) =>
        Batch.RunAsync(items, db, async (item, token) =>
        {
            if (item is null || string.IsNullOrWhiteSpace(item.Code) || item.Code.Length > Limits.Code)
            {
                throw InventoryRules.Field("code", $"Each item names the unit by buildingId and code (1 to {Limits.Code} characters).");
            }

            var unit = await db.Units.FirstOrDefaultAsync(u => u.BuildingId == item.BuildingId && u.Code == item.Code, token)
                ?? throw new ApiProblemException(StatusCodes.Status404NotFound, "unit.not_found", "Not found", $"The building {item.BuildingId} has no unit with code '{item.Code}'.");
            await PatchAsync(unit, item.Patch, token);
            return (StatusCodes.Status200OK, unit.Id);
        }, ct);

    /// <summary>
    /// Plans floors × unitsPerFloor units of a building; all or nothing. Codes that exist in the building already
    /// (deleted units included) give 409 naming them, and nothing is created.
    /// </summary>
    public async Task<List<Unit>> GenerateAsync(Guid buildingId, GenerateUnitsRequest request, CancellationToken ct)
    {
        var building = await db.Buildings.FirstOrDefaultAsync(b => b.Id == buildingId, ct) ?? throw Problems.NotFound("building", buildingId);
        var fromFloor = request.FromFloor ?? 1;
        var lastFloor = fromFloor + request.Floors - 1;
        if (lastFloor > building.Floors)
        {
            throw InventoryRules.Field("floors", $"The building has {building.Floors} floors; units would reach floor {lastFloor}.");
        }

        var pattern = request.CodePattern ?? UnitRules.DefaultPattern;
        var now = Now;
        var units = new List<Unit>(request.Floors * request.UnitsPerFloor);
        for (var floor = fromFloor; floor <= lastFloor; floor++)
        {
            var price = request.BasePrice + ((floor - fromFloor) * (request.PricePerFloorStep ?? 0m));
            for (var index = 1; index <= request.UnitsPerFloor; index++)
            {
                var code = UnitRules.Code(pattern, floor, index);
                var bedrooms = request.Bedrooms ?? UnitRules.DefaultBedrooms(request.Type);
                units.Add(Unit.Create(building, new UnitDetails(
                    code, floor, request.Type, bedrooms, request.Bathrooms ?? Math.Max(1, bedrooms), request.Area,
                    InventoryRules.Clean(request.View), InventoryRules.Clean(request.Orientation), price, request.Currency), now));
            }
        }

        var codes = units.Select(u => u.Code).ToList();
        if (codes.Any(c => c.Length > Limits.Code))
        {
            throw InventoryRules.Field("codePattern", $"The pattern makes codes longer than {Limits.Code} characters.");
        }

        if (codes.Distinct(StringComparer.Ordinal).Count() != codes.Count)
        {
            throw InventoryRules.Field("codePattern", "The pattern gives two units the same code; include {floor} and {index} so every code differs.");
        }

        if (units.Any(u => u.ListPrice > InventoryRules.MaxAmount))
        {
            throw InventoryRules.Field("pricePerFloorStep", "The price of the top floor is too large.");
        }

        var taken = await db.Units.IgnoreQueryFilters([QueryFilters.SoftDelete])
            .Where(u => u.BuildingId == buildingId && codes.Contains(u.Code))
            .OrderBy(u => u.Code).Select(u => u.Code).ToListAsync(ct);
        if (taken.Count > 0)
        {
            throw CodesTaken(taken);
        }

        db.Units.AddRange(units);
        await SaveAsync(codes, ct);
        return units;
    }

    internal static ApiProblemException CodesTaken(IReadOnlyList<string> codes) =>
        Problems.Conflict("unit.codes_taken", $"These codes exist in the building already: {string.Join(", ", codes.Take(20))}{(codes.Count > 20 ? ", ..." : string.Empty)}.",
            new Dictionary<string, object?> { ["codes"] = codes });

    private static void CheckFloor(Building building, int floor)
    {
        if (floor > building.Floors)
        {
            throw InventoryRules.Field("floor", $"The building has {building.Floors} floors.");
        }
    }

    /// <summary>Saves; a code taken meanwhile (the unique index) gives 409, like the check before.</summary>
    private async Task SaveAsync(List<string> codes, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (InventoryRules.IsUniqueViolation(ex, InventoryDbContext.UnitCodeIndex))
        {
            db.ChangeTracker.Clear();
            throw codes.Count == 1
                ? Problems.Conflict("unit.code_taken", $"The building has a unit with code '{codes[0]}' already.", new Dictionary<string, object?> { ["codes"] = codes })
                : CodesTaken(codes);
        }
    }
}
