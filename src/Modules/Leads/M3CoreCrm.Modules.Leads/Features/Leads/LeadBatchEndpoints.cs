using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>POST /api/v1/leads/batch: up to 100 creates or updates with a result per record (201, 200 or a problem).</summary>
internal static class LeadBatchEndpoints
{
    internal static void Map(IEndpointRouteBuilder leads) =>
        leads.MapPost("/batch", BatchAsync)
            .WithName("BatchLeads")
            .WithSummary("Create (no id) or merge-patch (with id) up to 100 leads; each record succeeds or fails alone, with its own status.")
            .RequirePermission(LeadsPermissions.Create)
            .AnswersWith(StatusCodes.Status400BadRequest, "batch.invalid_size")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Ok<BatchResponse>> BatchAsync(
        LeadBatchRequest request, [FromQuery] bool? allowDuplicate, LeadService writer, CancellationToken ct) =>
        TypedResults.Ok(await writer.BatchAsync(request.Items, allowDuplicate == true, ct));
}
