using System.Linq.Expressions;
using FluentValidation;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Features.Shared;

namespace M3CoreCrm.Modules.Inventory.Features.Bookings;

internal sealed class HoldUnitValidator : AbstractValidator<HoldUnitRequest>
{
    public HoldUnitValidator()
    {
        RuleFor(h => h).Must(h => new[] { h.LeadId, h.ContactId, h.DealId }.Count(id => id is not null) == 1)
            .OverridePropertyName("leadId").WithMessage("Name exactly one of leadId, contactId or dealId.");
        RuleFor(h => h.LeadId).NotEqual(Guid.Empty);
        RuleFor(h => h.ContactId).NotEqual(Guid.Empty);
        RuleFor(h => h.DealId).NotEqual(Guid.Empty);
        RuleFor(h => h.Hours).InclusiveBetween(1, HoldRules.MaxHours).When(h => h.Hours is not null)
            .WithMessage($"hours is 1 to {HoldRules.MaxHours} (default {HoldRules.DefaultHours}).");
    }
}

internal sealed class ReserveUnitValidator : AbstractValidator<ReserveUnitRequest>
{
    public ReserveUnitValidator()
    {
        RuleFor(r => r.UnitId).NotEmpty();
        RuleFor(r => r.DealId).NotEmpty().WithMessage("A reservation needs the deal it is for (dealId).");
        RuleFor(r => r.DepositAmount).GreaterThanOrEqualTo(0).LessThanOrEqualTo(InventoryRules.MaxAmount).Must(InventoryRules.HasAtMostTwoDecimals)
            .WithMessage("depositAmount is a non-negative amount with at most 2 decimals.");
        this.PaymentPlanRules(r => r.PaymentPlan);
    }
}

/// <summary>An amended reservation: the price stays in the unit's currency; the deposit is at most the price.</summary>
internal sealed class ReservationInputValidator : AbstractValidator<ReservationInput>
{
    public ReservationInputValidator()
    {
        RuleFor(r => r.Price).GreaterThanOrEqualTo(0).LessThanOrEqualTo(InventoryRules.MaxAmount).Must(InventoryRules.HasAtMostTwoDecimals)
            .WithMessage("price is a non-negative amount with at most 2 decimals.");
        RuleFor(r => r.DepositAmount).GreaterThanOrEqualTo(0).LessThanOrEqualTo(InventoryRules.MaxAmount).Must(InventoryRules.HasAtMostTwoDecimals)
            .WithMessage("depositAmount is a non-negative amount with at most 2 decimals.");
        RuleFor(r => r.DepositAmount).LessThanOrEqualTo(r => r.Price).WithMessage("The deposit exceeds the reservation's price.");
        this.PaymentPlanRules(r => r.PaymentPlan);
    }
}

/// <summary>The rules of a payment plan, the same wherever one is given: 1 to 48 milestones summing to exactly 100%.</summary>
internal static class PaymentPlanValidation
{
    internal static void PaymentPlanRules<T>(this AbstractValidator<T> validator, Expression<Func<T, IReadOnlyList<PaymentMilestone>?>> plan)
    {
        var read = plan.Compile();
        var each = Expression.Lambda<Func<T, IEnumerable<PaymentMilestone>>>(plan.Body, plan.Parameters);
        validator.When(x => read(x) is not null, () =>
        {
            validator.RuleFor(plan).Must(p => p!.Count is > 0 and <= PaymentPlans.MaxMilestones)
                .OverridePropertyName("paymentPlan").WithMessage($"paymentPlan holds 1 to {PaymentPlans.MaxMilestones} milestones.");
            validator.RuleForEach(each).ChildRules(m =>
            {
                m.RuleFor(x => x.Label).NotEmpty().MaximumLength(Limits.Label).Must(InventoryRules.NoControl);
                m.RuleFor(x => x.Percentage).GreaterThan(0).LessThanOrEqualTo(100).Must(InventoryRules.HasAtMostTwoDecimals)
                    .WithMessage("percentage is more than 0 and at most 100, with at most 2 decimals.");
                m.RuleFor(x => x).Must(x => (x.DueDate is null) != string.IsNullOrWhiteSpace(x.Event))
                    .OverridePropertyName("dueDate").WithMessage("A milestone has either a dueDate or an event, not both.");
                m.RuleFor(x => x.Event).MaximumLength(Limits.Label).Must(InventoryRules.NoControl);
            });
            validator.RuleFor(plan).Must(p => p!.Count == 0 || p.Sum(m => m.Percentage) == 100m)
                .OverridePropertyName("paymentPlan")
                .WithMessage((_, p) => $"The milestones' percentages sum to {p!.Sum(m => m.Percentage):0.##}; they must sum to exactly 100.");
        });
    }
}
