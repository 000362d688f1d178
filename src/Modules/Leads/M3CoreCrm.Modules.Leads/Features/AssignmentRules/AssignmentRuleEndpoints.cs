using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Leads.Features.AssignmentRules;

/// <summary>
/// /api/v1/leads/assignment-rules: reading needs leads.read; changing needs leads.assign at "all" scope (rules
/// hand out leads across the tenant). Deleting a rule removes it (it is configuration, not a record; the audit log
/// keeps its history).
/// </summary>
internal static class AssignmentRuleEndpoints
{
    internal static void Map(IEndpointRouteBuilder leads)
    {
        var rules = leads.MapGroup("/assignment-rules");
        rules.MapGet("/", ListAsync)
            .WithName("ListLeadAssignmentRules")
            .WithSummary("List the round-robin assignment rules (sort: priority, createdAt, name).")
            .RequirePermission(LeadsPermissions.Read)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        rules.MapGet("/{id:guid}", GetAsync)
            .WithName("GetLeadAssignmentRule")
            .WithSummary("Read an assignment rule; the ETag header carries its version.")
            .RequirePermission(LeadsPermissions.Read)
            .AnswersWith(StatusCodes.Status404NotFound, "assignmentRule.not_found")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ReturnsETag();
        rules.MapPost("/", CreateAsync)
            .WithName("CreateLeadAssignmentRule")
            .WithSummary("Create a round-robin rule: new unassigned leads go in turn to the active members of its group.")
            .RequirePermission(LeadsPermissions.Assign)
            .AnswersWith(StatusCodes.Status403Forbidden, "lead.rules_need_all_scope")
            .AnswersWith(StatusCodes.Status422UnprocessableEntity, "lead.rule_member_cannot_update")
            .Validate<AssignmentRuleRequest>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ReturnsETag();
        rules.MapPatch("/{id:guid}", PatchAsync)
            .WithName("UpdateLeadAssignmentRule")
            .WithSummary("Change an assignment rule with a JSON merge patch (e.g. {\"isActive\": false}); honours If-Match.")
            .RequirePermission(LeadsPermissions.Assign)
            .AnswersWith(StatusCodes.Status403Forbidden, "lead.rules_need_all_scope")
            .AnswersWith(StatusCodes.Status404NotFound, "assignmentRule.not_found")
            .AnswersWith(StatusCodes.Status422UnprocessableEntity, "lead.rule_member_cannot_update")
            .Accepts<AssignmentRuleRequest>(MergePatch.MediaType, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .HonoursIfMatch().ReturnsETag();
        rules.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeleteLeadAssignmentRule")
            .WithSummary("Delete an assignment rule; honours If-Match.")
            .RequirePermission(LeadsPermissions.Assign)
            .AnswersWith(StatusCodes.Status403Forbidden, "lead.rules_need_all_scope")
            .AnswersWith(StatusCodes.Status404NotFound, "assignmentRule.not_found")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch();
    }

    private static async Task<Ok<Page<AssignmentRuleResponse>>> ListAsync(
        [AsParameters] PageQuery page, AssignmentRuleService rules, CancellationToken ct) =>
        TypedResults.Ok(await rules.ListAsync(page, ct));

    private static async Task<Ok<AssignmentRuleResponse>> GetAsync(Guid id, AssignmentRuleService rules, HttpResponse response, CancellationToken ct)
    {
        var rule = await rules.GetAsync(id, ct);
        ETags.Write(response, rule.Version);
        return TypedResults.Ok(AssignmentRuleResponse.From(rule));
    }

    private static async Task<Created<AssignmentRuleResponse>> CreateAsync(
        AssignmentRuleRequest request, AssignmentRuleService rules, HttpResponse response, CancellationToken ct)
    {
        var rule = await rules.CreateAsync(request, ct);
        ETags.Write(response, rule.Version);
        return TypedResults.Created($"/api/v1/leads/assignment-rules/{rule.Id}", AssignmentRuleResponse.From(rule));
    }

    private static async Task<Ok<AssignmentRuleResponse>> PatchAsync(
        Guid id, JsonElement patch, AssignmentRuleService rules, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var rule = await rules.PatchAsync(id, patch, request, ct);
        ETags.Write(response, rule.Version);
        return TypedResults.Ok(AssignmentRuleResponse.From(rule));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, AssignmentRuleService rules, HttpRequest request, CancellationToken ct)
    {
        await rules.DeleteAsync(id, request, ct);
        return TypedResults.NoContent();
    }
}
