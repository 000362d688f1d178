using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Leads.Authorization;
using M3CoreCrm.Modules.Leads.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Leads.Features.GetLead;

/// <summary>GET /api/v1/leads/{id}: one lead with its ETag; 404 for another tenant's or one outside the caller's scope.</summary>
internal static class GetLeadEndpoint
{
    internal static void Map(IEndpointRouteBuilder leads) =>
        leads.MapGet("/{id:guid}", GetAsync)
            .WithName("GetLead")
            .WithSummary("Read a lead; the ETag header carries its version for If-Match.")
            .RequirePermission(LeadsPermissions.Read)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ReturnsETag();

    private static async Task<Ok<LeadResponse>> GetAsync(Guid id, LeadFinder finder, HttpResponse response, CancellationToken ct)
    {
        var lead = await finder.FindAsync(id, LeadsPermissions.Read, tracked: false, ct);
        ETags.Write(response, lead.Version);
        return TypedResults.Ok(LeadResponse.From(lead));
    }
}
