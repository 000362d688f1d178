using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Leads.Data;
using M3CoreCrm.Modules.Leads.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Leads.Features.AssignmentRules;

/// <summary>
/// Reading and changing the round-robin rules. Changing needs leads.assign at "all" scope (rules hand out leads
/// across the tenant); a deleted rule is removed (it is configuration, not a record; the audit log keeps its history).
/// </summary>
internal sealed class AssignmentRuleService(
    LeadsDbContext db,
    AccessScope access,
    IUserDirectory users,
    IValidator<AssignmentRuleRequest> validator,
    CursorCodec cursors,
    TimeProvider clock)
{
    private static readonly SortCatalog<AssignmentRule> Sorts = new(
        SortField<AssignmentRule>.For("id", r => r.Id),
        "priority",
        SortField<AssignmentRule>.For("priority", r => r.Priority),
        SortField<AssignmentRule>.For("createdAt", r => r.CreatedAt),
        SortField<AssignmentRule>.For("name", r => r.Name));

    public async Task<Page<AssignmentRuleResponse>> ListAsync(PageQuery page, CancellationToken ct) =>
        await Keyset.PageAsync(db.AssignmentRules.AsNoTracking(), Sorts.Parse(page.Sort), page, cursors, AssignmentRuleResponse.From, ct);

    public Task<AssignmentRule> GetAsync(Guid id, CancellationToken ct) => FindAsync(db.AssignmentRules.AsNoTracking(), id, ct);

    public async Task<AssignmentRule> CreateAsync(AssignmentRuleRequest request, CancellationToken ct)
    {
        await DemandAllAsync(ct);
        await EnsureUsersAsync(request.UserIds, ct);
        await EnsureMembersMayUpdateAsync(request.GroupId, request.UserIds, ct);
        var rule = AssignmentRule.Create(request.Name, request.GroupId, request.UserIds ?? [], request.IsActive ?? true,
            request.Priority ?? AssignmentRuleValidator.DefaultPriority, request.Sources ?? [], clock.GetUtcNow());
        db.AssignmentRules.Add(rule);
        db.AssignmentCursors.Add(new AssignmentCursor { RuleId = rule.Id });
        await db.SaveChangesAsync(ct);
        return rule;
    }

    /// <summary>Applies a JSON merge patch, validated like a create, at the version If-Match names (412).</summary>
    public async Task<AssignmentRule> PatchAsync(Guid id, JsonElement patch, HttpRequest request, CancellationToken ct)
    {
        await DemandAllAsync(ct);
        var rule = await FindAsync(db.AssignmentRules, id, ct);
        ETags.EnsureMatches(request, rule.Version);
        var current = new AssignmentRuleRequest(rule.Name, rule.GroupId, rule.UserIds, rule.IsActive, rule.Priority, rule.Sources);
        var edit = MergePatch.Apply(current, patch);
        await validator.EnsureValidAsync(edit, ct);
        await EnsureUsersAsync(edit.UserIds, ct);
        await EnsureMembersMayUpdateAsync(edit.GroupId, edit.UserIds, ct);
        rule.Update(edit.Name, edit.GroupId, edit.UserIds ?? [], edit.IsActive ?? true, edit.Priority ?? AssignmentRuleValidator.DefaultPriority, edit.Sources ?? [], clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return rule;
    }

    public async Task DeleteAsync(Guid id, HttpRequest request, CancellationToken ct)
    {
        await DemandAllAsync(ct);
        var rule = await FindAsync(db.AssignmentRules, id, ct);
        ETags.EnsureMatches(request, rule.Version);
        db.AssignmentRules.Remove(rule);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Listed users must be active users of the tenant when the rule is written (400 naming them otherwise).</summary>
    private async Task EnsureUsersAsync(IReadOnlyList<Guid>? userIds, CancellationToken ct)
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

    /// <summary>
    /// Every member the rule would hand leads to (its listed users, or its group's active members) must hold
    /// leads.update, at own scope or wider: else a lead would go to someone who cannot work on it (422 naming them).
    /// </summary>
    private async Task EnsureMembersMayUpdateAsync(Guid? groupId, IReadOnlyList<Guid>? userIds, CancellationToken ct)
    {
        var members = groupId is { } group ? await users.GroupMembersAsync(group, ct) : userIds ?? [];
        if (members.Count == 0)
        {
            return;
        }

        var holding = await users.HoldingAsync(members, LeadsPermissions.Update, ct);
        var lacking = members.Where(id => !holding.Contains(id)).Distinct().ToList();
        if (lacking.Count > 0)
        {
            var field = groupId is null ? "userIds" : "groupId";
            var message = $"Users {string.Join(", ", lacking)} cannot be given leads: they lack '{LeadsPermissions.Update}' (at own scope or wider).";
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "lead.rule_member_cannot_update", "Unprocessable", message,
                new Dictionary<string, object?>
                {
                    ["userIds"] = lacking,
                    ["errors"] = new Dictionary<string, string[]> { [field] = [message] },
                });
        }
    }

    private static async Task<AssignmentRule> FindAsync(IQueryable<AssignmentRule> rules, Guid id, CancellationToken ct) =>
        await rules.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw Problems.NotFound("assignmentRule", id);

    private async Task DemandAllAsync(CancellationToken ct)
    {
        if (await access.DemandAsync(LeadsPermissions.Assign, ct) != PermissionScope.All)
        {
            throw Problems.Forbidden("lead.rules_need_all_scope", $"Managing assignment rules needs '{LeadsPermissions.Assign}' at 'all' scope.");
        }
    }
}
