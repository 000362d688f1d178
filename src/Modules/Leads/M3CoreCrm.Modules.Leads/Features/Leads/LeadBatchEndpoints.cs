using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Leads.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>
/// One record of a batch: without id, data is a new lead (as POST /leads takes it); with id, data is a JSON merge
/// patch of that lead (as PATCH /leads/{id} takes it, which needs leads.update too).
/// </summary>
internal sealed record LeadBatchItem(Guid? Id, JsonElement Data);

/// <summary>1 to 100 records, each created or updated on its own.</summary>
internal sealed record LeadBatchRequest(IReadOnlyList<LeadBatchItem> Items);

/// <summary>POST /api/v1/leads/batch: up to 100 creates or updates with a result per record (201, 200 or a problem).</summary>
internal static class LeadBatchEndpoints
{
    internal static void Map(IEndpointRouteBuilder leads) =>
        leads.MapPost("/batch", BatchAsync)
            .WithName("BatchLeads")
            .WithSummary("Create (no id) or merge-patch (with id) up to 100 leads; each record succeeds or fails alone, with its own status.")
            .RequirePermission(LeadsPermissions.Create)
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Ok<BatchResponse>> BatchAsync(
        LeadBatchRequest request, [FromQuery] bool? allowDuplicate, LeadService writer, LeadDuplicateGuard duplicates, LeadsDbContext db,
        CancellationToken ct)
    {
        var items = request.Items ?? throw Problems.BadRequest("batch.invalid_size", $"A batch holds 1 to {Batch.MaxItems} records.");

        // With an Idempotency-Key every record runs in the request's one transaction: keep its locks bounded.
        duplicates.LockWholeBuckets();
        var result = await Batch.RunAsync(items, db, async (item, token) =>
        {
            if (item.Id is { } id)
            {
                var updated = await writer.PatchAsync(id, item.Data, expectedVersion: null, allowDuplicate == true, token);
                return (StatusCodes.Status200OK, updated.Id);
            }

            var created = await writer.CreateAsync(Read(item.Data), allowDuplicate == true, validated: false, token);
            return (StatusCodes.Status201Created, created.Id);
        }, ct);
        return TypedResults.Ok(result);
    }

    private static CreateLeadRequest Read(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            throw Problems.BadRequest("request.invalid", "data must be a JSON object: the new lead.");
        }

        try
        {
            return data.Deserialize<CreateLeadRequest>(CrmJson.Options)
                ?? throw Problems.BadRequest("request.invalid", "data must be a JSON object: the new lead.");
        }
        catch (JsonException ex)
        {
            throw Problems.BadRequest("request.invalid", $"data is not a valid lead: {(ex.Path is { Length: > 0 } path ? $"problem at '{path}'" : "malformed")}.");
        }
    }
}
