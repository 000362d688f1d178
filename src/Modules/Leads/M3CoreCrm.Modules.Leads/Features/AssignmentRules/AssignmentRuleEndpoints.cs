using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Leads.Data;
using M3CoreCrm.Modules.Leads.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Leads.Features.AssignmentRules;

/// <summary>
/// /api/v1/leads/assignment-rules: reading needs leads.read; changing needs leads.assign at "all" scope (rules
/// hand out leads across the tenant). Deleting a rule removes it (it is configuration, not a record; the audit log
/// keeps its history).
/// </summary>
internal static class AssignmentRuleEndpoints
{
    private static readonly SortCatalog<AssignmentRule> Sorts = new(
        SortField<AssignmentRule>.For("id", r => r.Id),
        "priority",
        SortField<AssignmentRule>.For("priority", r => r.Priority),
        SortField<AssignmentRule>.For("createdAt", r => r.CreatedAt),
        SortField<AssignmentRule>.For("name", r => r.Name));

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
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ReturnsETag();
        rules.MapPost("/", CreateAsync)
            .WithName("CreateLeadAssignmentRule")
            .WithSummary("Create a round-robin rule: new unassigned leads go in turn to the active members of its group.")
            .RequirePermission(LeadsPermissions.Assign)
            .Validate<AssignmentRuleRequest>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ReturnsETag();
        rules.MapPatch("/{id:guid}", PatchAsync)
            .WithName("UpdateLeadAssignmentRule")
            .WithSummary("Change an assignment rule with a JSON merge patch (e.g. {\"isActive\": false}); honours If-Match.")
            .RequirePermission(LeadsPermissions.Assign)
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
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch();
    }

    private static async Task<Ok<Page<AssignmentRuleResponse>>> ListAsync(
        [AsParameters] PageQuery page, LeadsDbContext db, CursorCodec cursors, CancellationToken ct) =>
        TypedResults.Ok(await Keyset.PageAsync(db.AssignmentRules.AsNoTracking(), Sorts.Parse(page.Sort), page, cursors, AssignmentRuleResponse.From, ct));

    private static async Task<Ok<AssignmentRuleResponse>> GetAsync(Guid id, LeadsDbContext db, HttpResponse response, CancellationToken ct)
    {
        var rule = await FindAsync(db.AssignmentRules.AsNoTracking(), id, ct);
        ETags.Write(response, rule.Version);
        return TypedResults.Ok(AssignmentRuleResponse.From(rule));
    }

    private static async Task<Created<AssignmentRuleResponse>> CreateAsync(
        AssignmentRuleRequest request,
        LeadsDbContext db,
        AccessScope access,
        IUserDirectory users,
        TimeProvider clock,
        HttpResponse response,
        CancellationToken ct)
    {
        await DemandAllAsync(access, ct);
        await EnsureUsersAsync(request.UserIds, users, ct);
        var rule = AssignmentRule.Create(request.Name, request.GroupId, request.UserIds ?? [], request.IsActive ?? true,
            request.Priority ?? AssignmentRuleValidator.DefaultPriority, request.Sources ?? [], clock.GetUtcNow());
        db.AssignmentRules.Add(rule);
        db.AssignmentCursors.Add(new AssignmentCursor { RuleId = rule.Id });
        await db.SaveChangesAsync(ct);
        ETags.Write(response, rule.Version);
        return TypedResults.Created($"/api/v1/leads/assignment-rules/{rule.Id}", AssignmentRuleResponse.From(rule));
    }

    private static async Task<Ok<AssignmentRuleResponse>> PatchAsync(
        Guid id,
        JsonElement patch,
        LeadsDbContext db,
        AccessScope access,
        IValidator<AssignmentRuleRequest> validator,
        IUserDirectory users,
        TimeProvider clock,
        HttpRequest request,
        HttpResponse response,
        CancellationToken ct)
    {
        await DemandAllAsync(access, ct);
        var rule = await FindAsync(db.AssignmentRules, id, ct);
        ETags.EnsureMatches(request, rule.Version);
        var current = new AssignmentRuleRequest(rule.Name, rule.GroupId, rule.UserIds, rule.IsActive, rule.Priority, rule.Sources);
        var edit = MergePatch.Apply(current, patch);
        await validator.EnsureValidAsync(edit, ct);
        await EnsureUsersAsync(edit.UserIds, users, ct);
        rule.Update(edit.Name, edit.GroupId, edit.UserIds ?? [], edit.IsActive ?? true, edit.Priority ?? AssignmentRuleValidator.DefaultPriority, edit.Sources ?? [], clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        ETags.Write(response, rule.Version);
        return TypedResults.Ok(AssignmentRuleResponse.From(rule));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, LeadsDbContext db, AccessScope access, HttpRequest request, CancellationToken ct)
    {
        await DemandAllAsync(access, ct);
        var rule = await FindAsync(db.AssignmentRules, id, ct);
        ETags.EnsureMatches(request, rule.Version);
        db.AssignmentRules.Remove(rule);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Listed users must be active users of the tenant when the rule is written (400 naming them otherwise).</summary>
    private static async Task EnsureUsersAsync(IReadOnlyList<Guid>? userIds, IUserDirectory users, CancellationToken ct)
    {
        if (userIds is not { Count: > 0 })
        {
            return;
        }

        var active = await users.ActiveUsersAsync(userIds, ct);
        var unknown = userIds.Where(id => !active.Contains(id)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw Problems.Validation(new Dictionary<string, string[]>
            {
                ["userIds"] = [$"No active users {string.Join(", ", unknown)} exist in this tenant."],
            });
        }
    }

    private static async Task<AssignmentRule> FindAsync(IQueryable<AssignmentRule> rules, Guid id, CancellationToken ct) =>
        await rules.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw Problems.NotFound("assignmentRule", id);

    private static async Task DemandAllAsync(AccessScope access, CancellationToken ct)
    {
        if (await access.DemandAsync(LeadsPermissions.Assign, ct) != PermissionScope.All)
        {
            throw Problems.Forbidden("lead.rules_need_all_scope", $"Managing assignment rules needs '{LeadsPermissions.Assign}' at 'all' scope.");
        }
    }
}
