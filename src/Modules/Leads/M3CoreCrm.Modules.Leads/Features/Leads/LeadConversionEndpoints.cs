using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>POST /api/v1/leads/{id}/convert: converts a lead (see <see cref="LeadConversionService"/>).</summary>
internal static class LeadConversionEndpoints
{
    internal static void Map(IEndpointRouteBuilder leads) =>
        leads.MapPost("/{id:guid}/convert", ConvertAsync)
            .WithName("ConvertLead")
            .WithSummary("Convert a lead into a contact (new or existing), optionally a company and a deal; all or nothing. Converting twice is 409.")
            .RequirePermission(LeadsPermissions.Convert)
            .AnswersWith(StatusCodes.Status400BadRequest, "deal.use_win_or_lose")
            .AnswersWith(StatusCodes.Status403Forbidden, "auth.permission_denied")
            .AnswersWith(StatusCodes.Status409Conflict, "lead.already_converted", "lead.invalid_transition", "lead.contact_exists")
            .AnswersWith(StatusCodes.Status422UnprocessableEntity, "lead.company_not_found", "lead.contact_not_found")
            .Validate<ConvertLeadRequest>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .HonoursIfMatch().ReturnsETag();

    private static async Task<Ok<ConvertLeadResponse>> ConvertAsync(
        Guid id, ConvertLeadRequest? body, LeadConversionService conversions, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var (result, version) = await conversions.ConvertAsync(id, body, ETags.ExpectedVersion(request), ct);
        ETags.Write(response, version);
        return TypedResults.Ok(result);
    }
}
