using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Domain;
using M3CoreCrm.Modules.Inventory.Features;

namespace M3CoreCrm.Modules.Inventory.Claims;

/// <summary>Hold a unit for exactly one of a lead, a contact or a deal, for <c>hours</c> (default 48, at most 168).</summary>
internal sealed record HoldUnitRequest(Guid? LeadId, Guid? ContactId, Guid? DealId, int? Hours);

/// <summary>One milestone of a payment plan: a percentage of the price due on a date or at an event (e.g. "handover").</summary>
internal sealed record PaymentMilestone(string Label, decimal Percentage, DateOnly? DueDate, string? Event);

/// <summary>Reserve a unit for a deal: the price is snapshotted; the deposit and the payment plan are recorded.</summary>
internal sealed record ReserveUnitRequest(Guid UnitId, Guid DealId, decimal DepositAmount, IReadOnlyList<PaymentMilestone>? PaymentPlan);

/// <summary>A claim on a unit as the API shows it (status as of now: an active hold past its expiry is expired).</summary>
internal sealed record ClaimResponse(
    Guid Id, Guid UnitId, ClaimKind Kind, ClaimStatus Status, Guid? LeadId, Guid? ContactId, Guid? DealId,
    DateTimeOffset? ExpiresAt, decimal? Price, string? Currency, decimal? DepositAmount, IReadOnlyList<PaymentMilestone>? PaymentPlan,
    DateTimeOffset CreatedAt, Guid? CreatedBy, DateTimeOffset? EndedAt, Guid? EndedBy)
{
    public static ClaimResponse From(UnitClaim c, DateTimeOffset now) => new(
        c.Id, c.UnitId, c.Kind, c.EffectiveStatus(now), c.LeadId, c.ContactId, c.DealId, c.ExpiresAt, c.Price, c.Currency, c.DepositAmount,
        PaymentPlans.Read(c.PaymentPlan), c.CreatedAt, c.CreatedBy, c.IsExpired(now) ? c.ExpiresAt : c.EndedAt, c.EndedBy);
}

/// <summary>
/// Whether a claim is held to the caller's access: an API caller may name only leads, contacts and deals they can
/// see, and convert only holds their scope reaches; the demo seeder acts for the tenant.
/// </summary>
internal sealed record ClaimWriteOptions(bool ApplyCallerScope)
{
    internal static readonly ClaimWriteOptions AsCaller = new(ApplyCallerScope: true);

    internal static readonly ClaimWriteOptions ForTenant = new(ApplyCallerScope: false);
}

internal sealed record ReservationListQuery(Guid? UnitId, Guid? DealId, ClaimStatus? Status);

internal static class PaymentPlans
{
    internal const int MaxMilestones = 48;

    internal static string? Write(IReadOnlyList<PaymentMilestone>? plan) =>
        plan is null or { Count: 0 } ? null : JsonSerializer.Serialize(plan, CrmJson.Options);

    internal static IReadOnlyList<PaymentMilestone>? Read(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<List<PaymentMilestone>>(json, CrmJson.Options);
}

internal static class HoldRules
{
    internal const int DefaultHours = 48;
    internal const int MaxHours = 168;
}

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
        When(r => r.PaymentPlan is not null, () =>
        {
            RuleFor(r => r.PaymentPlan!).Must(p => p.Count is > 0 and <= PaymentPlans.MaxMilestones)
                .OverridePropertyName("paymentPlan").WithMessage($"paymentPlan holds 1 to {PaymentPlans.MaxMilestones} milestones.");
            RuleForEach(r => r.PaymentPlan).ChildRules(m =>
            {
                m.RuleFor(x => x.Label).NotEmpty().MaximumLength(Limits.Label).Must(InventoryRules.NoControl);
                m.RuleFor(x => x.Percentage).GreaterThan(0).LessThanOrEqualTo(100).Must(InventoryRules.HasAtMostTwoDecimals)
                    .WithMessage("percentage is more than 0 and at most 100, with at most 2 decimals.");
                m.RuleFor(x => x).Must(x => (x.DueDate is null) != string.IsNullOrWhiteSpace(x.Event))
                    .OverridePropertyName("dueDate").WithMessage("A milestone has either a dueDate or an event, not both.");
                m.RuleFor(x => x.Event).MaximumLength(Limits.Label).Must(InventoryRules.NoControl);
            });
            RuleFor(r => r.PaymentPlan!).Must(p => p.Count == 0 || p.Sum(m => m.Percentage) == 100m)
                .OverridePropertyName("paymentPlan")
                .WithMessage((_, p) => $"The milestones' percentages sum to {p.Sum(m => m.Percentage):0.##}; they must sum to exactly 100.");
        });
    }
}
