using FluentValidation;
using M3CoreCrm.Modules.Leads.Domain;

namespace M3CoreCrm.Modules.Leads.Features.AssignmentRules;

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
