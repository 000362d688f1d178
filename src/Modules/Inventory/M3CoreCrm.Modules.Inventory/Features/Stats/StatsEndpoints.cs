using M3CoreCrm.BuildingBlocks.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Inventory.Features.Stats;

internal static class StatsEndpoints
{
    internal static void Map(IEndpointRouteBuilder inventory) =>
        inventory.MapGet("/stats", GetAsync).WithTags("Inventory").WithName("GetInventoryStats")
            .WithSummary("Counts and list value of live units by status per project and building (one SQL GROUP BY; a hold past its expiry counts as available).")
            .RequirePermission(InventoryPermissions.Read);

    private static async Task<Ok<InventoryStatsResponse>> GetAsync([AsParameters] StatsQuery filter, StatsQueries stats, CancellationToken ct) =>
        TypedResults.Ok(await stats.GetAsync(filter, ct));
}
