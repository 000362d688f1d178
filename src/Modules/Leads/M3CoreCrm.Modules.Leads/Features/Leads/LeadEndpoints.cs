using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>
/// The lead itself: GET /api/v1/leads (the leads the caller may read, filtered, searched, sorted and keyset-paged),
/// POST (a new lead, 201 with Location and ETag; 409 for a duplicate), GET /{id} (404 for another tenant's or one
/// outside the caller's scope) and PATCH /{id} (a JSON merge patch, RFC 7396, of the editable fields, validated like a
/// create; a stale If-Match gives 412 and writes nothing).
/// </summary>
internal static class LeadEndpoints
{
    internal static void Map(IEndpointRouteBuilder leads)
    {
        leads.MapGet("/", ListAsync)
            .WithName("ListLeads")
            .WithSummary("List leads: filters, q search on name/email/phone, sort (createdAt, updatedAt, name), keyset paging.")
            .RequirePermission(LeadsPermissions.Read)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        leads.MapPost("/", CreateAsync)
            .WithName("CreateLead")
            .WithSummary("Create a lead. A duplicate email or phone gives 409 with existingId unless ?allowDuplicate=true; without ownerId, round-robin rules assign it.")
            .RequirePermission(LeadsPermissions.Create)
            .AnswersWith(StatusCodes.Status403Forbidden, "lead.owner_out_of_scope")
            .AnswersWith(StatusCodes.Status409Conflict, "lead.duplicate")
            .Validate<CreateLeadRequest>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ReturnsETag();

        leads.MapGet("/{id:guid}", GetAsync)
            .WithName("GetLead")
            .WithSummary("Read a lead; the ETag header carries its version for If-Match.")
            .RequirePermission(LeadsPermissions.Read)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ReturnsETag();

        leads.MapPatch("/{id:guid}", PatchAsync)
            .WithName("UpdateLead")
            .WithSummary("Change a lead with a JSON merge patch of its editable fields (not status, owner or conversion); honours If-Match.")
            .RequirePermission(LeadsPermissions.Update)
            .AnswersWith(StatusCodes.Status409Conflict, "lead.duplicate")
            .Accepts<LeadEdit>(MergePatch.MediaType, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .HonoursIfMatch().ReturnsETag();
    }

    private static async Task<Ok<Page<LeadResponse>>> ListAsync(
        [AsParameters] LeadFilter filter, [AsParameters] PageQuery page, LeadQueries finder, CancellationToken ct) =>
        TypedResults.Ok(await finder.ListAsync(filter, page, ct));

    private static async Task<Created<LeadResponse>> CreateAsync(
        CreateLeadRequest request,
        [FromQuery] bool? allowDuplicate,
        LeadService writer,
        HttpResponse response,
        CancellationToken ct)
    {
        var lead = await writer.CreateAsync(request, allowDuplicate == true, validated: true, ct);
        ETags.Write(response, lead.Version);
        return TypedResults.Created($"/api/v1/leads/{lead.Id}", LeadResponse.From(lead));
    }

    private static async Task<Ok<LeadResponse>> GetAsync(Guid id, LeadQueries finder, HttpResponse response, CancellationToken ct)
    {
        var lead = await finder.FindAsync(id, LeadsPermissions.Read, tracked: false, ct);
        ETags.Write(response, lead.Version);
        return TypedResults.Ok(LeadResponse.From(lead));
    }

    private static async Task<Ok<LeadResponse>> PatchAsync(
        Guid id,
        JsonElement patch,
        [FromQuery] bool? allowDuplicate,
        LeadService writer,
        HttpRequest request,
        HttpResponse response,
        CancellationToken ct)
    {
        var lead = await writer.PatchAsync(id, patch, ETags.ExpectedVersion(request), allowDuplicate == true, ct);
        ETags.Write(response, lead.Version);
        return TypedResults.Ok(LeadResponse.From(lead));
    }
}
