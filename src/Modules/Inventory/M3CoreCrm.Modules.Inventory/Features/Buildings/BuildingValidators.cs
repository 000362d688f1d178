using FluentValidation;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Features.Shared;

namespace M3CoreCrm.Modules.Inventory.Features.Buildings;

internal static class BuildingRules
{
    internal const int MaxFloors = 300;
}

internal sealed class CreateBuildingValidator : AbstractValidator<CreateBuildingRequest>
{
    public CreateBuildingValidator()
    {
        RuleFor(b => b.ProjectId).NotEmpty();
        RuleFor(b => b.Name).NotEmpty().MaximumLength(Limits.Name).Must(InventoryRules.NoControl);
        RuleFor(b => b.Floors).InclusiveBetween(1, BuildingRules.MaxFloors);
    }
}

internal sealed class BuildingInputValidator : AbstractValidator<BuildingInput>
{
    public BuildingInputValidator()
    {
        RuleFor(b => b.Name).NotEmpty().MaximumLength(Limits.Name).Must(InventoryRules.NoControl);
        RuleFor(b => b.Floors).InclusiveBetween(1, BuildingRules.MaxFloors);
    }
}
