using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>DELETE /api/v1/leads/{id} (soft, honours If-Match) and POST /api/v1/leads/{id}/restore.</summary>
internal static class LeadDeleteEndpoints
{
    internal static void Map(IEndpointRouteBuilder leads)
    {
        leads.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeleteLead")
            .WithSummary("Soft-delete a lead (it disappears from lists and reads; restore brings it back); honours If-Match.")
            .RequirePermission(LeadsPermissions.Delete)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch();
        leads.MapPost("/{id:guid}/restore", RestoreAsync)
            .WithName("RestoreLead")
            .WithSummary("Restore a soft-deleted lead.")
            .RequirePermission(LeadsPermissions.Delete)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch().ReturnsETag();
    }

    private static async Task<NoContent> DeleteAsync(Guid id, LeadService writer, HttpRequest request, CancellationToken ct)
    {
        await writer.DeleteAsync(id, request, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<LeadResponse>> RestoreAsync(Guid id, LeadService writer, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var lead = await writer.RestoreAsync(id, request, ct);
        ETags.Write(response, lead.Version);
        return TypedResults.Ok(LeadResponse.From(lead));
    }
}
