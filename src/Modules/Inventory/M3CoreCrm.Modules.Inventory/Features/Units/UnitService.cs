using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Inventory.Features.Units;

/// <summary>Unit use cases shared by the endpoints, the batch call and the demo seeder.</summary>
internal sealed class UnitService(
    InventoryDbContext db,
    TimeProvider clock,
    IValidator<CreateUnitRequest> createValidator,
    IValidator<UnitInput> inputValidator)
{
    /// <summary>createdAt (newest first by default), code, listPrice, area, floor; the id breaks ties.</summary>
    internal static readonly SortCatalog<Unit> Sorts = new(
        SortField<Unit>.For("id", u => u.Id),
        "-createdAt",
        SortField<Unit>.For("createdAt", u => u.CreatedAt),
        SortField<Unit>.For("code", u => u.Code),
        SortField<Unit>.For("listPrice", u => u.ListPrice),
        SortField<Unit>.For("area", u => u.Area),
        SortField<Unit>.For("floor", u => u.Floor));

    public DateTimeOffset Now => clock.GetUtcNow();

    public Task<Unit> FindAsync(Guid id, CancellationToken ct, bool includeDeleted = false) =>
        db.Units.FindOrNotFoundAsync(id, "unit", includeDeleted, ct);

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

    public IQueryable<Unit> Filter(IQueryable<Unit> query, UnitListQuery filter)
    {
        var now = Now;
        if (filter.MinArea > filter.MaxArea || filter.MinPrice > filter.MaxPrice || filter.MinBedrooms > filter.MaxBedrooms)
        {
            throw Problems.BadRequest("request.invalid_range", "A range's minimum must not exceed its maximum.");
        }

        if (filter.ProjectId is { } projectId)
        {
            query = query.Where(u => u.ProjectId == projectId);
        }

        if (filter.BuildingId is { } buildingId)
        {
            query = query.Where(u => u.BuildingId == buildingId);
        }

        if (Parse<UnitType>(filter.Type, "type") is { Count: > 0 } types)
        {
            query = query.Where(u => types.Contains(u.Type));
        }

        if (filter.Bedrooms is { } bedrooms)
        {
            query = query.Where(u => u.Bedrooms == bedrooms);
        }

        if (filter.MinBedrooms is { } minBedrooms)
        {
            query = query.Where(u => u.Bedrooms >= minBedrooms);
        }

        if (filter.MaxBedrooms is { } maxBedrooms)
        {
            query = query.Where(u => u.Bedrooms <= maxBedrooms);
        }

        if (filter.MinArea is { } minArea)
        {
            query = query.Where(u => u.Area >= minArea);
        }

        if (filter.MaxArea is { } maxArea)
        {
            query = query.Where(u => u.Area <= maxArea);
        }

        if (filter.MinPrice is { } minPrice)
        {
            query = query.Where(u => u.ListPrice >= minPrice);
        }

        if (filter.MaxPrice is { } maxPrice)
        {
            query = query.Where(u => u.ListPrice <= maxPrice);
        }

        if (filter.Floor is { } floor)
        {
            query = query.Where(u => u.Floor == floor);
        }

        if (!string.IsNullOrWhiteSpace(filter.View))
        {
            var view = LikePattern.Literal(filter.View.Trim());
            query = query.Where(u => u.View != null && EF.Functions.ILike(u.View, view, "\\"));
        }

        if (Parse<UnitStatus>(filter.Status, "status") is { Count: > 0 } statuses)
        {
            // As of now: a hold past its expiry is available, not held (the expiry job may not have run yet).
            var available = statuses.Contains(UnitStatus.Available);
            var held = statuses.Contains(UnitStatus.Held);
            var others = statuses.Where(s => s is not (UnitStatus.Available or UnitStatus.Held)).ToList();
            query = query.Where(u => others.Contains(u.Status)
                || (available && (u.Status == UnitStatus.Available || (u.Status == UnitStatus.Held && u.HoldExpiresAt <= now)))
                || (held && u.Status == UnitStatus.Held && u.HoldExpiresAt > now));
        }

        return query;
    }

    public async Task<Page<UnitResponse>> ListAsync(UnitListQuery filter, PageQuery page, CursorCodec cursors, CancellationToken ct)
    {
        var sort = Sorts.Parse(page.Sort);
        var now = Now;
        return await Keyset.PageAsync(Filter(db.Units.AsNoTracking(), filter), sort, page, cursors, u => UnitResponse.From(u, now), ct);
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

    private static List<T> Parse<T>(string? value, string field)
        where T : struct, Enum
    {
        var names = Enum.GetValues<T>().ToDictionary(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), StringComparer.OrdinalIgnoreCase);
        var list = new List<T>();
        foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            list.Add(names.TryGetValue(part, out var parsed)
                ? parsed
                : throw InventoryRules.Field(field, $"{field} is one or more of {string.Join(", ", names.Keys)}."));
        }

        return list;
    }
}
