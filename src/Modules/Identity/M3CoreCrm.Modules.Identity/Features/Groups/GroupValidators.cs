using FluentValidation;

namespace M3CoreCrm.Modules.Identity.Features.Groups;

internal sealed class CreateGroupValidator : AbstractValidator<CreateGroupRequest>
{
    public CreateGroupValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(GroupRules.NameMaxLength);
        RuleFor(r => r.Description).MaximumLength(GroupRules.DescriptionMaxLength);
        RuleFor(r => r.MemberIds).Must(ids => ids is null || ids.Count <= GroupRules.MaxMembers)
            .WithMessage($"A group has at most {GroupRules.MaxMembers} members.");
        RuleForEach(r => r.MemberIds).NotEmpty();
    }
}

internal sealed class GroupEditValidator : AbstractValidator<GroupEdit>
{
    public GroupEditValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(GroupRules.NameMaxLength);
        RuleFor(r => r.Description).MaximumLength(GroupRules.DescriptionMaxLength);
    }
}

internal sealed class ReplaceGroupMembersValidator : AbstractValidator<ReplaceGroupMembersRequest>
{
    public ReplaceGroupMembersValidator()
    {
        RuleFor(r => r.UserIds).NotNull().Must(ids => ids is null || ids.Count <= GroupRules.MaxMembers)
            .WithMessage($"A group has at most {GroupRules.MaxMembers} members.");
        RuleForEach(r => r.UserIds).NotEmpty();
    }
}
