using M3CoreCrm.Modules.Inventory.Domain;

namespace M3CoreCrm.Modules.Inventory.Features.Stats;

/// <summary>Units and their list value by status (as of now) per project, building and currency.</summary>
internal sealed record InventoryStatsRow(
    Guid ProjectId, string? ProjectName, Guid BuildingId, string? BuildingName, UnitStatus Status, string Currency, int Units, decimal ListValue);

internal sealed record InventoryStatsResponse(IReadOnlyList<InventoryStatsRow> Items);

internal sealed record StatsQuery(Guid? ProjectId, Guid? BuildingId);
