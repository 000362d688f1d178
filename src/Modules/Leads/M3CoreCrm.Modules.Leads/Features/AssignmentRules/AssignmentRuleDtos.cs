using M3CoreCrm.Modules.Leads.Domain;

namespace M3CoreCrm.Modules.Leads.Features.AssignmentRules;

/// <summary>
/// A round-robin rule: new unassigned leads (of the given sources, or of any source when empty) go in turn to the
/// active members of a group (groupId), or to the listed users in their order (userIds): one of the two. Active rules
/// are tried by priority, lowest first (default 100).
/// </summary>
internal sealed record AssignmentRuleRequest(
    string Name, Guid? GroupId, IReadOnlyList<Guid>? UserIds, bool? IsActive, int? Priority, IReadOnlyList<LeadSource>? Sources);

internal sealed record AssignmentRuleResponse(
    Guid Id,
    string Name,
    Guid? GroupId,
    IReadOnlyList<Guid> UserIds,
    bool IsActive,
    int Priority,
    IReadOnlyList<LeadSource> Sources,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static AssignmentRuleResponse From(AssignmentRule rule) =>
        new(rule.Id, rule.Name, rule.GroupId, rule.UserIds, rule.IsActive, rule.Priority, rule.Sources, rule.CreatedAt, rule.UpdatedAt);
}
