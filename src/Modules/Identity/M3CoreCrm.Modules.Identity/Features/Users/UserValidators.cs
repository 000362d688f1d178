using FluentValidation;
using M3CoreCrm.Modules.Identity.Infrastructure.Passwords;

namespace M3CoreCrm.Modules.Identity.Features.Users;

internal sealed class CreateUserValidator : AbstractValidator<CreateUserRequest>
{
    public CreateUserValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(UserRules.EmailMaxLength).EmailAddress();
        RuleFor(r => r.DisplayName).NotEmpty().MaximumLength(UserRules.DisplayNameMaxLength);
        RuleFor(r => r.Password).NotEmpty().MaximumLength(PasswordPolicy.MaxLength);
        RuleFor(r => r.RoleIds).NotEmpty().WithMessage("A user needs at least one role.")
            .Must(ids => ids is null || ids.Count <= UserRules.MaxRoles).WithMessage($"At most {UserRules.MaxRoles} roles.");
        RuleForEach(r => r.RoleIds).NotEmpty();
        RuleFor(r => r.GroupIds).Must(ids => ids is null || ids.Count <= UserRules.MaxGroups).WithMessage($"At most {UserRules.MaxGroups} groups.");
        RuleForEach(r => r.GroupIds).NotEmpty();
    }
}

internal sealed class UserEditValidator : AbstractValidator<UserEdit>
{
    public UserEditValidator() => RuleFor(r => r.DisplayName).NotEmpty().MaximumLength(UserRules.DisplayNameMaxLength);
}

internal sealed class AssignUserRolesValidator : AbstractValidator<AssignUserRolesRequest>
{
    public AssignUserRolesValidator()
    {
        RuleFor(r => r.RoleIds).NotEmpty().WithMessage("A user needs at least one role.")
            .Must(ids => ids is null || ids.Count <= UserRules.MaxRoles).WithMessage($"At most {UserRules.MaxRoles} roles.");
        RuleForEach(r => r.RoleIds).NotEmpty();
    }
}

internal sealed class ResetPasswordValidator : AbstractValidator<ResetPasswordRequest>
{
    public ResetPasswordValidator() => RuleFor(r => r.NewPassword).NotEmpty().MaximumLength(PasswordPolicy.MaxLength);
}

internal sealed class ChangeOwnPasswordValidator : AbstractValidator<ChangeOwnPasswordRequest>
{
    public ChangeOwnPasswordValidator()
    {
        // Bounded before any hashing: an oversized password never reaches Argon2.
        RuleFor(r => r.CurrentPassword).NotEmpty().MaximumLength(PasswordPolicy.MaxLength);
        RuleFor(r => r.NewPassword).NotEmpty().MaximumLength(PasswordPolicy.MaxLength);
    }
}
