using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Leads.Data;
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

    private static async Task<NoContent> DeleteAsync(
        Guid id, LeadQueries finder, LeadsDbContext db, TimeProvider clock, HttpRequest request, CancellationToken ct)
    {
        var lead = await finder.FindAsync(id, LeadsPermissions.Delete, tracked: true, ct);
        ETags.EnsureMatches(request, lead.Version);
        lead.Delete(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<LeadResponse>> RestoreAsync(
        Guid id, LeadQueries finder, LeadsDbContext db, TimeProvider clock, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var lead = await finder.FindDeletedAsync(id, LeadsPermissions.Delete, ct);
        ETags.EnsureMatches(request, lead.Version);
        lead.Restore(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        ETags.Write(response, lead.Version);
        return TypedResults.Ok(LeadResponse.From(lead));
    }
}
