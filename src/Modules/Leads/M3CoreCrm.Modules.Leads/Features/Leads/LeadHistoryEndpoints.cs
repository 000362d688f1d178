using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Paging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>GET /api/v1/leads/{id}/history: the lead's audit entries, newest first, keyset-paged.</summary>
internal static class LeadHistoryEndpoints
{
    internal static void Map(IEndpointRouteBuilder leads) =>
        leads.MapGet("/{id:guid}/history", HistoryAsync)
            .WithName("GetLeadHistory")
            .WithSummary("The lead's change history from the audit log, newest first (sort: occurredAt or -occurredAt).")
            .RequirePermission(LeadsPermissions.Read)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Ok<Page<LeadHistoryEntry>>> HistoryAsync(
        Guid id, [AsParameters] PageQuery page, LeadQueries finder, CancellationToken ct) =>
        TypedResults.Ok(await finder.HistoryAsync(id, page, ct));
}
