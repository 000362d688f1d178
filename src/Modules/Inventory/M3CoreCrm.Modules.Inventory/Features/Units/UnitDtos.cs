using System.Text.Json;
using M3CoreCrm.Modules.Inventory.Domain;

namespace M3CoreCrm.Modules.Inventory.Features.Units;

internal interface IUnitFields
{
    string Code { get; }

    int Floor { get; }

    UnitType Type { get; }

    int? Bedrooms { get; }

    int? Bathrooms { get; }

    decimal Area { get; }

    string? View { get; }

    string? Orientation { get; }

    decimal ListPrice { get; }

    string Currency { get; }
}

/// <summary>A new unit of a building; bedrooms default from the type, bathrooms to the bedrooms (at least 1).</summary>
internal sealed record CreateUnitRequest(
    Guid BuildingId, string Code, int Floor, UnitType Type, int? Bedrooms, int? Bathrooms, decimal Area,
    string? View, string? Orientation, decimal ListPrice, string Currency) : IUnitFields;

/// <summary>A unit's editable fields (status changes only through holds, reservations, the deal's outcome and blocks).</summary>
internal sealed record UnitInput(
    string Code, int Floor, UnitType Type, int? Bedrooms, int? Bathrooms, decimal Area,
    string? View, string? Orientation, decimal ListPrice, string Currency) : IUnitFields
{
    public static UnitInput From(Unit u) => new(u.Code, u.Floor, u.Type, u.Bedrooms, u.Bathrooms, u.Area, u.View, u.Orientation, u.ListPrice, u.Currency);
}

/// <summary>Units of a building in one request: floors × unitsPerFloor, the price rising by pricePerFloorStep per floor above fromFloor.</summary>
internal sealed record GenerateUnitsRequest(
    int Floors,
    int UnitsPerFloor,
    UnitType Type,
    decimal Area,
    decimal BasePrice,
    string Currency,
    int? FromFloor,
    string? CodePattern,
    decimal? PricePerFloorStep,
    int? Bedrooms,
    int? Bathrooms,
    string? View,
    string? Orientation);

internal sealed record GenerateUnitsResponse(int Created, IReadOnlyList<UnitResponse> Items);

internal sealed record UnitBatchRequest(IReadOnlyList<CreateUnitRequest> Items);

/// <summary>Changes to up to 100 units, each named by its building and code and changed by a JSON merge patch.</summary>
internal sealed record UnitBatchUpdateRequest(IReadOnlyList<UnitBatchUpdateItem> Items);

/// <summary>The unit of <c>buildingId</c> with this <c>code</c> (exact), and the merge patch of its fields.</summary>
internal sealed record UnitBatchUpdateItem(Guid BuildingId, string Code, JsonElement Patch);

/// <summary>Availability search filters; ranges are inclusive; status and type take one or more comma-separated values.</summary>
internal sealed record UnitListQuery(
    Guid? ProjectId,
    Guid? BuildingId,
    string? Type,
    int? Bedrooms,
    int? MinBedrooms,
    int? MaxBedrooms,
    decimal? MinArea,
    decimal? MaxArea,
    decimal? MinPrice,
    decimal? MaxPrice,
    string? Status,
    string? View,
    int? Floor);

/// <summary>A unit as the API shows it: status as of now (a hold past its expiry is available).</summary>
internal sealed record UnitResponse(
    Guid Id, Guid ProjectId, Guid BuildingId, string Code, int Floor, UnitType Type, int Bedrooms, int Bathrooms,
    decimal Area, string? View, string? Orientation, decimal ListPrice, string Currency, UnitStatus Status,
    DateTimeOffset? HoldExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt)
{
    public static UnitResponse From(Unit u, DateTimeOffset now)
    {
        var status = u.EffectiveStatus(now);
        return new(u.Id, u.ProjectId, u.BuildingId, u.Code, u.Floor, u.Type, u.Bedrooms, u.Bathrooms, u.Area, u.View, u.Orientation,
            u.ListPrice, u.Currency, status, status == UnitStatus.Held ? u.HoldExpiresAt : null, u.CreatedAt, u.UpdatedAt, u.DeletedAt);
    }
}
