using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Leads.Authorization;
using M3CoreCrm.Modules.Leads.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Leads.Features.CreateLead;

/// <summary>POST /api/v1/leads: a new lead (201 with Location and ETag); 409 with existingId for a duplicate.</summary>
internal static class CreateLeadEndpoint
{
    internal static void Map(IEndpointRouteBuilder leads) =>
        leads.MapPost("/", CreateAsync)
            .WithName("CreateLead")
            .WithSummary("Create a lead. A duplicate email or phone gives 409 with existingId unless ?allowDuplicate=true; without ownerId, round-robin rules assign it.")
            .RequirePermission(LeadsPermissions.Create)
            .Validate<CreateLeadRequest>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ReturnsETag();

    private static async Task<Created<LeadResponse>> CreateAsync(
        CreateLeadRequest request,
        [FromQuery] bool? allowDuplicate,
        LeadWriter writer,
        HttpResponse response,
        CancellationToken ct)
    {
        var lead = await writer.CreateAsync(request, allowDuplicate == true, validated: true, ct);
        ETags.Write(response, lead.Version);
        return TypedResults.Created($"/api/v1/leads/{lead.Id}", LeadResponse.From(lead));
    }
}
