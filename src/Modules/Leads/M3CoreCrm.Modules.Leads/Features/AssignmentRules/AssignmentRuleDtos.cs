using FluentValidation;
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

internal sealed class AssignmentRuleValidator : AbstractValidator<AssignmentRuleRequest>
{
    internal const int DefaultPriority = 100;
    internal const int MaxUsers = 100;

    public AssignmentRuleValidator()
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage("name is required.")
            .MaximumLength(AssignmentRule.NameMax).WithMessage($"name is at most {AssignmentRule.NameMax} characters.")
            .Must(v => LeadRules.IsCleanText(v)).WithMessage("name must not contain control characters.");
        RuleFor(r => r.GroupId).Must((r, groupId) => groupId is null ^ (r.UserIds is null || r.UserIds.Count == 0))
            .WithMessage("Give either groupId or userIds (the users who take turns).");
        RuleFor(r => r.GroupId).Must(id => id != Guid.Empty).When(r => r.GroupId is not null).WithMessage("groupId must not be the empty id.");
        RuleFor(r => r.UserIds).Must(ids => ids is null || ids.Count <= MaxUsers).WithMessage($"userIds lists at most {MaxUsers} users.");
        RuleForEach(r => r.UserIds).NotEmpty().WithMessage("userIds must not hold the empty id.");
        RuleFor(r => r.Priority).InclusiveBetween(0, 10_000).When(r => r.Priority is not null).WithMessage("priority is between 0 and 10000.");
        RuleFor(r => r.Sources).Must(s => s is null || s.Count <= Enum.GetValues<LeadSource>().Length).WithMessage("sources lists each source at most once.");
    }
}
