using FluentValidation;
using M3CoreCrm.BuildingBlocks.Money;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Features.Shared;

namespace M3CoreCrm.Modules.Inventory.Features.Units;

internal abstract class UnitFieldsValidator<T> : AbstractValidator<T>
    where T : IUnitFields
{
    protected UnitFieldsValidator()
    {
        RuleFor(u => u.Code).NotEmpty().MaximumLength(Limits.Code).Must(c => c is null || (InventoryRules.NoControl(c) && c.Trim().Length > 0))
            .WithMessage($"code is 1 to {Limits.Code} characters, without control characters.");
        RuleFor(u => u.Floor).InclusiveBetween(0, UnitRules.MaxFloor);
        RuleFor(u => u.Type).IsInEnum();
        RuleFor(u => u.Bedrooms).InclusiveBetween(0, UnitRules.MaxRooms).When(u => u.Bedrooms is not null);
        RuleFor(u => u.Bathrooms).InclusiveBetween(0, UnitRules.MaxRooms).When(u => u.Bathrooms is not null);
        RuleFor(u => u.Area).GreaterThan(0).LessThanOrEqualTo(InventoryRules.MaxArea).Must(InventoryRules.HasAtMostTwoDecimals)
            .WithMessage("area is a positive number of square metres with at most 2 decimals.");
        RuleFor(u => u.ListPrice).GreaterThanOrEqualTo(0).LessThanOrEqualTo(InventoryRules.MaxAmount).Must(InventoryRules.HasAtMostTwoDecimals)
            .WithMessage("listPrice is a non-negative amount with at most 2 decimals.");
        RuleFor(u => u.Currency).Must(Currencies.IsValid).WithMessage("currency must be an ISO 4217 code in capitals, such as AED or USD.");
        RuleFor(u => u.View).MaximumLength(Limits.Short).Must(InventoryRules.NoControl);
        RuleFor(u => u.Orientation).MaximumLength(Limits.Short).Must(InventoryRules.NoControl);
    }
}

internal sealed class CreateUnitValidator : UnitFieldsValidator<CreateUnitRequest>
{
    public CreateUnitValidator() => RuleFor(u => u.BuildingId).NotEmpty();
}

internal sealed class UnitInputValidator : UnitFieldsValidator<UnitInput>;

internal sealed class GenerateUnitsValidator : AbstractValidator<GenerateUnitsRequest>
{
    public GenerateUnitsValidator()
    {
        RuleFor(g => g.Floors).InclusiveBetween(1, UnitRules.MaxFloor);
        RuleFor(g => g.UnitsPerFloor).InclusiveBetween(1, 100);
        RuleFor(g => g.Floors * g.UnitsPerFloor).LessThanOrEqualTo(UnitRules.MaxGenerated)
            .OverridePropertyName("unitsPerFloor").WithMessage($"floors × unitsPerFloor is at most {UnitRules.MaxGenerated}.");
        RuleFor(g => g.FromFloor).InclusiveBetween(0, UnitRules.MaxFloor).When(g => g.FromFloor is not null);
        RuleFor(g => g.Type).IsInEnum();
        RuleFor(g => g.Area).GreaterThan(0).LessThanOrEqualTo(InventoryRules.MaxArea).Must(InventoryRules.HasAtMostTwoDecimals);
        RuleFor(g => g.BasePrice).GreaterThanOrEqualTo(0).LessThanOrEqualTo(InventoryRules.MaxAmount).Must(InventoryRules.HasAtMostTwoDecimals);
        RuleFor(g => g.PricePerFloorStep).GreaterThanOrEqualTo(0).LessThanOrEqualTo(InventoryRules.MaxAmount).Must(v => InventoryRules.HasAtMostTwoDecimals(v!.Value))
            .When(g => g.PricePerFloorStep is not null);
        RuleFor(g => g.Currency).Must(Currencies.IsValid).WithMessage("currency must be an ISO 4217 code in capitals, such as AED or USD.");
        RuleFor(g => g.CodePattern).Must(UnitRules.IsValidPattern).When(g => g.CodePattern is not null)
            .WithMessage("codePattern holds {floor} and {index} (optionally zero-padded, e.g. {index:00}), at most 32 characters.");
        RuleFor(g => g.Bedrooms).InclusiveBetween(0, UnitRules.MaxRooms).When(g => g.Bedrooms is not null);
        RuleFor(g => g.Bathrooms).InclusiveBetween(0, UnitRules.MaxRooms).When(g => g.Bathrooms is not null);
        RuleFor(g => g.View).MaximumLength(Limits.Short).Must(InventoryRules.NoControl);
        RuleFor(g => g.Orientation).MaximumLength(Limits.Short).Must(InventoryRules.NoControl);
    }
}
