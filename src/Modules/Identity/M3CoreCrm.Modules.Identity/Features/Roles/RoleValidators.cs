using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;

namespace M3CoreCrm.Modules.Identity.Features.Roles;

internal static class RoleRules
{
    internal const int NameMaxLength = 64;
    internal const int DescriptionMaxLength = 500;
    internal const int MaxGrants = 500;

    internal static IEnumerable<string> Duplicates(IEnumerable<RoleGrantRequest?> grants) =>
        grants.Where(g => g?.Permission is not null).GroupBy(g => g!.Permission, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);

    /// <summary>The request's grants by permission (validated: no duplicates, all known).</summary>
    internal static Dictionary<string, PermissionScope> ToGrants(IEnumerable<RoleGrantRequest>? grants) =>
        (grants ?? []).ToDictionary(g => g.Permission, g => g.Scope!.Value, StringComparer.Ordinal);

    /// <summary>Each grant names a permission of the catalogue, once, with a scope its kind allows.</summary>
    internal static void GrantList<T>(IRuleBuilderInitial<T, IReadOnlyList<RoleGrantRequest>?> rule) =>
        rule.Must(g => g is null || g.Count <= MaxGrants).WithMessage($"A role has at most {MaxGrants} grants.")
            .Must(g => g is null || !Duplicates(g).Any())
            .WithMessage((_, g) => $"Each permission may be granted once; repeated: {string.Join(", ", Duplicates(g!))}.");
}

internal sealed class RoleGrantRequestValidator : AbstractValidator<RoleGrantRequest>
{
    public RoleGrantRequestValidator(PermissionCatalog catalog)
    {
        RuleFor(g => g.Permission).Cascade(CascadeMode.Stop)
            .NotEmpty()
            .MaximumLength(64)
            .Must(p => catalog.Find(p) is not null).WithMessage((_, p) => $"Unknown permission '{p}'. GET /api/v1/permissions lists them.");
        RuleFor(g => g.Scope).Cascade(CascadeMode.Stop)
            .NotNull()
            .IsInEnum()
            .Equal(PermissionScope.All)
            .When(g => g.Permission is not null && catalog.Find(g.Permission)?.Kind == PermissionKind.Admin, ApplyConditionTo.CurrentValidator)
            .WithMessage(g => $"'{g.Permission}' is an administrative permission; its scope can only be 'all'.");
    }
}

internal sealed class CreateRoleValidator : AbstractValidator<CreateRoleRequest>
{
    public CreateRoleValidator(PermissionCatalog catalog)
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(RoleRules.NameMaxLength);
        RuleFor(r => r.Description).MaximumLength(RoleRules.DescriptionMaxLength);
        RoleRules.GrantList(RuleFor(r => r.Grants));
        RuleForEach(r => r.Grants).NotNull().SetValidator(new RoleGrantRequestValidator(catalog));
    }
}

internal sealed class RoleEditValidator : AbstractValidator<RoleEdit>
{
    public RoleEditValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(RoleRules.NameMaxLength);
        RuleFor(r => r.Description).MaximumLength(RoleRules.DescriptionMaxLength);
    }
}

internal sealed class ReplaceRoleGrantsValidator : AbstractValidator<ReplaceRoleGrantsRequest>
{
    public ReplaceRoleGrantsValidator(PermissionCatalog catalog)
    {
        RuleFor(r => r.Grants).NotNull();
        RoleRules.GrantList(RuleFor(r => r.Grants));
        RuleForEach(r => r.Grants).NotNull().SetValidator(new RoleGrantRequestValidator(catalog));
    }
}
