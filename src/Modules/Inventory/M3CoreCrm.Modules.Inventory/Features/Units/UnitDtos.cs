using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Money;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Domain;

namespace M3CoreCrm.Modules.Inventory.Features.Units;

/// <summary>The editable fields every unit request shares.</summary>
internal interface IUnitFields
{
    string Code { get; }

    int Floor { get; }

    UnitType Type { get; }

    int? Bedrooms { get; }

    int? Bathrooms { get; }

    decimal Area { get; }

    string? View { get; }

    string? Orientation { get; }

    decimal ListPrice { get; }

    string Currency { get; }
}

/// <summary>A new unit of a building; bedrooms default from the type, bathrooms to the bedrooms (at least 1).</summary>
internal sealed record CreateUnitRequest(
    Guid BuildingId, string Code, int Floor, UnitType Type, int? Bedrooms, int? Bathrooms, decimal Area,
    string? View, string? Orientation, decimal ListPrice, string Currency) : IUnitFields;

/// <summary>A unit's editable fields (status changes only through holds, reservations, the deal's outcome and blocks).</summary>
internal sealed record UnitInput(
    string Code, int Floor, UnitType Type, int? Bedrooms, int? Bathrooms, decimal Area,
    string? View, string? Orientation, decimal ListPrice, string Currency) : IUnitFields
{
    public static UnitInput From(Unit u) => new(u.Code, u.Floor, u.Type, u.Bedrooms, u.Bathrooms, u.Area, u.View, u.Orientation, u.ListPrice, u.Currency);
}

/// <summary>Units of a building in one request: floors × unitsPerFloor, the price rising by pricePerFloorStep per floor above fromFloor.</summary>
internal sealed record GenerateUnitsRequest(
    int Floors,
    int UnitsPerFloor,
    UnitType Type,
    decimal Area,
    decimal BasePrice,
    string Currency,
    int? FromFloor,
    string? CodePattern,
    decimal? PricePerFloorStep,
    int? Bedrooms,
    int? Bathrooms,
    string? View,
    string? Orientation);

internal sealed record GenerateUnitsResponse(int Created, IReadOnlyList<UnitResponse> Items);

internal sealed record UnitBatchRequest(IReadOnlyList<CreateUnitRequest> Items);

/// <summary>Availability search filters; ranges are inclusive; status and type take one or more comma-separated values.</summary>
internal sealed record UnitListQuery(
    Guid? ProjectId,
    Guid? BuildingId,
    string? Type,
    int? Bedrooms,
    int? MinBedrooms,
    int? MaxBedrooms,
    decimal? MinArea,
    decimal? MaxArea,
    decimal? MinPrice,
    decimal? MaxPrice,
    string? Status,
    string? View,
    int? Floor);

/// <summary>A unit as the API shows it: status as of now (a hold past its expiry is available).</summary>
internal sealed record UnitResponse(
    Guid Id, Guid ProjectId, Guid BuildingId, string Code, int Floor, UnitType Type, int Bedrooms, int Bathrooms,
    decimal Area, string? View, string? Orientation, decimal ListPrice, string Currency, UnitStatus Status,
    DateTimeOffset? HoldExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt)
{
    public static UnitResponse From(Unit u, DateTimeOffset now)
    {
        var status = u.EffectiveStatus(now);
        return new(u.Id, u.ProjectId, u.BuildingId, u.Code, u.Floor, u.Type, u.Bedrooms, u.Bathrooms, u.Area, u.View, u.Orientation,
            u.ListPrice, u.Currency, status, status == UnitStatus.Held ? u.HoldExpiresAt : null, u.CreatedAt, u.UpdatedAt, u.DeletedAt);
    }
}

internal static partial class UnitRules
{
    internal const int MaxFloor = 300;
    internal const int MaxRooms = 50;
    internal const int MaxGenerated = 2000;
    internal const string DefaultPattern = "{floor}{index:00}";

    internal static int DefaultBedrooms(UnitType type) => type switch
    {
        UnitType.OneBedroom => 1,
        UnitType.TwoBedroom => 2,
        UnitType.ThreeBedroom => 3,
        UnitType.Penthouse => 4,
        UnitType.Villa => 4,
        UnitType.Townhouse => 3,
        _ => 0,
    };

    internal static UnitDetails Details(IUnitFields f)
    {
        var bedrooms = f.Bedrooms ?? DefaultBedrooms(f.Type);
        return new UnitDetails(f.Code.Trim(), f.Floor, f.Type, bedrooms, f.Bathrooms ?? Math.Max(1, bedrooms), f.Area,
            InventoryRules.Clean(f.View), InventoryRules.Clean(f.Orientation), f.ListPrice, f.Currency);
    }

    [GeneratedRegex(@"\{(floor|index)(?::(0{1,4}))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>Whether the pattern has both {floor} and {index} (optionally zero-padded, e.g. {index:00}) and nothing else in braces.</summary>
    internal static bool IsValidPattern(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern) || pattern.Length > Limits.Code)
        {
            return false;
        }

        var names = Placeholder().Matches(pattern).Select(m => m.Groups[1].Value).ToList();
        var rest = Placeholder().Replace(pattern, string.Empty);
        return names.Contains("floor") && names.Contains("index") && !rest.Contains('{', StringComparison.Ordinal) && !rest.Contains('}', StringComparison.Ordinal);
    }

    /// <summary>The code of the <paramref name="index"/>-th (1-based) unit on <paramref name="floor"/>.</summary>
    internal static string Code(string pattern, int floor, int index) =>
        Placeholder().Replace(pattern, m =>
        {
            var value = m.Groups[1].Value == "floor" ? floor : index;
            return value.ToString(m.Groups[2].Success ? m.Groups[2].Value : "0", CultureInfo.InvariantCulture);
        });
}

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
