using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Leads.Authorization;
using M3CoreCrm.Modules.Leads.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Leads.Features.UpdateLead;

/// <summary>
/// PATCH /api/v1/leads/{id}: a JSON merge patch (RFC 7396) of the lead's editable fields, validated like a create;
/// If-Match with a stale ETag gives 412 and writes nothing.
/// </summary>
internal static class UpdateLeadEndpoint
{
    internal static void Map(IEndpointRouteBuilder leads) =>
        leads.MapPatch("/{id:guid}", PatchAsync)
            .WithName("UpdateLead")
            .WithSummary("Change a lead with a JSON merge patch of its editable fields (not status, owner or conversion); honours If-Match.")
            .RequirePermission(LeadsPermissions.Update)
            .Accepts<LeadEdit>(MergePatch.MediaType, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .HonoursIfMatch().ReturnsETag();

    private static async Task<Ok<LeadResponse>> PatchAsync(
        Guid id,
        JsonElement patch,
        [FromQuery] bool? allowDuplicate,
        LeadWriter writer,
        HttpRequest request,
        HttpResponse response,
        CancellationToken ct)
    {
        var lead = await writer.PatchAsync(id, patch, ETags.ExpectedVersion(request), allowDuplicate == true, ct);
        ETags.Write(response, lead.Version);
        return TypedResults.Ok(LeadResponse.From(lead));
    }
}
