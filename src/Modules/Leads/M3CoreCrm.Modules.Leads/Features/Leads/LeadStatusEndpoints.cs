using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Leads.Data;
using M3CoreCrm.Modules.Leads.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>
/// The new status of a lead; reason is required for (and only for) unqualified. Allowed: new → contacted |
/// qualified | unqualified, contacted → qualified | unqualified, qualified → unqualified, unqualified → new |
/// contacted (reopen). Converted is reached only through /convert.
/// </summary>
internal sealed record ChangeLeadStatusRequest(LeadStatus? Status, string? Reason);

internal sealed class ChangeLeadStatusValidator : AbstractValidator<ChangeLeadStatusRequest>
{
    public ChangeLeadStatusValidator()
    {
        RuleFor(r => r.Status).NotNull().WithMessage("status is required.");
        RuleFor(r => r.Reason).NotEmpty().When(r => r.Status == LeadStatus.Unqualified)
            .WithMessage("A reason is required to mark a lead unqualified.");
        RuleFor(r => r.Reason).Empty().When(r => r.Status != LeadStatus.Unqualified)
            .WithMessage("reason is only given with status unqualified.");
        RuleFor(r => r.Reason).MaximumLength(LeadRules.ReasonMax).WithMessage($"reason is at most {LeadRules.ReasonMax} characters.")
            .Must(v => LeadRules.IsCleanText(v, multiline: true)).WithMessage("reason must not contain control characters.");
    }
}

/// <summary>POST /api/v1/leads/{id}/status: moves a lead along an allowed transition (409 otherwise).</summary>
internal static class LeadStatusEndpoints
{
    internal static void Map(IEndpointRouteBuilder leads) =>
        leads.MapPost("/{id:guid}/status", ChangeAsync)
            .WithName("ChangeLeadStatus")
            .WithSummary("Change a lead's status along the allowed transitions (409 lead.invalid_transition otherwise); honours If-Match.")
            .RequirePermission(LeadsPermissions.Update)
            .Validate<ChangeLeadStatusRequest>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch().ReturnsETag();

    private static async Task<Ok<LeadResponse>> ChangeAsync(
        Guid id,
        ChangeLeadStatusRequest body,
        LeadQueries finder,
        LeadsDbContext db,
        TimeProvider clock,
        HttpRequest request,
        HttpResponse response,
        CancellationToken ct)
    {
        var lead = await finder.FindAsync(id, LeadsPermissions.Update, tracked: true, ct);
        ETags.EnsureMatches(request, lead.Version);
        lead.ChangeStatus(body.Status!.Value, body.Reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        ETags.Write(response, lead.Version);
        return TypedResults.Ok(LeadResponse.From(lead));
    }
}
