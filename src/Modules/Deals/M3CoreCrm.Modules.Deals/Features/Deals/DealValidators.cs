using FluentValidation;
using M3CoreCrm.BuildingBlocks.Money;
using M3CoreCrm.Modules.Deals.Data;

namespace M3CoreCrm.Modules.Deals.Features.Deals;

internal static class DealRules
{
    /// <summary>numeric(18,2): up to 16 digits before the point.</summary>
    internal const decimal MaxAmount = 9_999_999_999_999_999.99m;

    internal static bool HasAtMostTwoDecimals(decimal value) => decimal.Round(value, 2) == value;

    internal static bool NoControl(string? text) => text is null || !text.Any(char.IsControl);
}

/// <summary>The rules of the shared fields: a title, a non-negative amount with at most 2 decimals, an ISO 4217 currency.</summary>
internal abstract class DealFieldsValidator<T> : AbstractValidator<T>
    where T : IDealFields
{
    protected DealFieldsValidator()
    {
        RuleFor(d => d.Title).NotEmpty().MaximumLength(Limits.Title)
            .Must(DealRules.NoControl).WithMessage("title is 1 to 200 characters, without control characters.");
        RuleFor(d => d.Amount!.Value).GreaterThanOrEqualTo(0).WithMessage("amount must not be negative.")
            .LessThanOrEqualTo(DealRules.MaxAmount).WithMessage("amount is too large (at most 16 digits before the decimal point).")
            .Must(DealRules.HasAtMostTwoDecimals).WithMessage("amount has at most 2 decimals.")
            .OverridePropertyName("amount").When(d => d.Amount is not null);
        RuleFor(d => d.Currency).Must(Currencies.IsValid).When(d => d.Currency is not null)
            .WithMessage("currency must be an ISO 4217 code in capitals, such as AED or USD.");
        RuleFor(d => d.OwnerId).NotEqual(Guid.Empty);
        RuleFor(d => d.ContactId).NotEqual(Guid.Empty);
        RuleFor(d => d.CompanyId).NotEqual(Guid.Empty);
        RuleFor(d => d.SourceLeadId).NotEqual(Guid.Empty);
        RuleFor(d => d.UnitIds).Must(ids => ids is null || (ids.Count <= Limits.UnitIds && ids.All(id => id != Guid.Empty) && ids.Distinct().Count() == ids.Count))
            .WithMessage($"unitIds holds at most {Limits.UnitIds} distinct unit ids.");
    }
}

internal sealed class CreateDealValidator : DealFieldsValidator<CreateDealRequest>
{
    public CreateDealValidator()
    {
        RuleFor(d => d.PipelineId).NotEqual(Guid.Empty);
        RuleFor(d => d.StageId).NotEqual(Guid.Empty);
    }
}

internal sealed class DealInputValidator : DealFieldsValidator<DealInput>
{
    public DealInputValidator()
    {
        RuleFor(d => d.Amount).NotNull().WithMessage("amount cannot be cleared; set 0 instead.");
        RuleFor(d => d.Currency).NotNull().WithMessage("currency cannot be cleared.");
    }
}

internal sealed class MoveDealValidator : AbstractValidator<MoveDealRequest>
{
    public MoveDealValidator()
    {
        RuleFor(m => m.StageId).NotEmpty();
        RuleFor(m => m.PipelineId).NotEqual(Guid.Empty);
    }
}

internal sealed class LoseDealValidator : AbstractValidator<LoseDealRequest>
{
    public LoseDealValidator()
    {
        RuleFor(l => l.Reason).NotEmpty().MaximumLength(Limits.LostReason)
            .Must(DealRules.NoControl).WithMessage("reason is 1 to 500 characters, without control characters.");
    }
}

internal sealed class ReopenDealValidator : AbstractValidator<ReopenDealRequest>
{
    public ReopenDealValidator()
    {
        RuleFor(r => r.StageId).NotEqual(Guid.Empty);
    }
}
