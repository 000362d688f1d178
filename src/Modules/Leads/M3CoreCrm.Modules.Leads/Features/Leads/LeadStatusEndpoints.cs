using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>POST /api/v1/leads/{id}/status: moves a lead along an allowed transition (409 otherwise).</summary>
internal static class LeadStatusEndpoints
{
    internal static void Map(IEndpointRouteBuilder leads) =>
        leads.MapPost("/{id:guid}/status", ChangeAsync)
            .WithName("ChangeLeadStatus")
            .WithSummary("Change a lead's status along the allowed transitions (409 lead.invalid_transition otherwise); honours If-Match.")
            .RequirePermission(LeadsPermissions.Update)
            .AnswersWith(StatusCodes.Status409Conflict, "lead.invalid_transition")
            .Validate<ChangeLeadStatusRequest>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch().ReturnsETag();

    private static async Task<Ok<LeadResponse>> ChangeAsync(
        Guid id, ChangeLeadStatusRequest body, LeadService writer, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var lead = await writer.ChangeStatusAsync(id, body.Status!.Value, body.Reason, request, ct);
        ETags.Write(response, lead.Version);
        return TypedResults.Ok(LeadResponse.From(lead));
    }
}
