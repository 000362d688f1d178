using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>POST /api/v1/leads/{id}/assign: hands a lead to a user.</summary>
internal static class LeadAssignEndpoints
{
    internal static void Map(IEndpointRouteBuilder leads) =>
        leads.MapPost("/{id:guid}/assign", AssignAsync)
            .WithName("AssignLead")
            .WithSummary("Assign a lead to an active user of the tenant (within the caller's leads.assign scope); honours If-Match.")
            .RequirePermission(LeadsPermissions.Assign)
            .AnswersWith(StatusCodes.Status403Forbidden, "lead.owner_out_of_scope")
            .Validate<AssignLeadRequest>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch().ReturnsETag();

    private static async Task<Ok<LeadResponse>> AssignAsync(
        Guid id, AssignLeadRequest body, LeadService writer, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var lead = await writer.AssignAsync(id, body.UserId, request, ct);
        ETags.Write(response, lead.Version);
        return TypedResults.Ok(LeadResponse.From(lead));
    }
}
