using M3CoreCrm.Modules.Inventory.Domain;

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
