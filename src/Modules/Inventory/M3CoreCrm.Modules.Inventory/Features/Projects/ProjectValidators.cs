using FluentValidation;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Features.Shared;

namespace M3CoreCrm.Modules.Inventory.Features.Projects;

internal sealed class ProjectInputValidator : AbstractValidator<ProjectInput>
{
    public ProjectInputValidator()
    {
        RuleFor(p => p.Name).NotEmpty().MaximumLength(Limits.Name).Must(InventoryRules.NoControl)
            .WithMessage($"name is 1 to {Limits.Name} characters, without control characters.");
        RuleFor(p => p.Location).MaximumLength(Limits.Text).Must(InventoryRules.NoControl);
        RuleFor(p => p.Developer).MaximumLength(Limits.Text).Must(InventoryRules.NoControl);
        RuleFor(p => p.Status).IsInEnum();
    }
}
