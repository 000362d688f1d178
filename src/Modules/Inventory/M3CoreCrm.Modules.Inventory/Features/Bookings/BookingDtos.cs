using M3CoreCrm.Modules.Inventory.Domain;

namespace M3CoreCrm.Modules.Inventory.Features.Bookings;

/// <summary>Hold a unit for exactly one of a lead, a contact or a deal, for <c>hours</c> (default 48, at most 168).</summary>
internal sealed record HoldUnitRequest(Guid? LeadId, Guid? ContactId, Guid? DealId, int? Hours);

/// <summary>One milestone of a payment plan: a percentage of the price due on a date or at an event (e.g. "handover").</summary>
internal sealed record PaymentMilestone(string Label, decimal Percentage, DateOnly? DueDate, string? Event);

/// <summary>Reserve a unit for a deal: the price is snapshotted; the deposit and the payment plan are recorded.</summary>
internal sealed record ReserveUnitRequest(Guid UnitId, Guid DealId, decimal DepositAmount, IReadOnlyList<PaymentMilestone>? PaymentPlan);

/// <summary>
/// What an active reservation's amendment may change (a JSON merge patch): the agreed price (the unit's list price
/// when reserved), the deposit and the payment plan (null clears it). The currency stays the unit's.
/// </summary>
internal sealed record ReservationInput(decimal Price, decimal DepositAmount, IReadOnlyList<PaymentMilestone>? PaymentPlan)
{
    public static ReservationInput From(UnitBooking reservation) =>
        new(reservation.Price ?? 0m, reservation.DepositAmount ?? 0m, PaymentPlans.Read(reservation.PaymentPlan));
}

/// <summary>A booking on a unit as the API shows it (status as of now: an active hold past its expiry is expired).</summary>
internal sealed record BookingResponse(
    Guid Id, Guid UnitId, BookingKind Kind, BookingStatus Status, Guid? LeadId, Guid? ContactId, Guid? DealId,
    DateTimeOffset? ExpiresAt, decimal? Price, string? Currency, decimal? DepositAmount, IReadOnlyList<PaymentMilestone>? PaymentPlan,
    DateTimeOffset CreatedAt, Guid? CreatedBy, DateTimeOffset? EndedAt, Guid? EndedBy)
{
    public static BookingResponse From(UnitBooking c, DateTimeOffset now) => new(
        c.Id, c.UnitId, c.Kind, c.EffectiveStatus(now), c.LeadId, c.ContactId, c.DealId, c.ExpiresAt, c.Price, c.Currency, c.DepositAmount,
        PaymentPlans.Read(c.PaymentPlan), c.CreatedAt, c.CreatedBy, c.IsExpired(now) ? c.ExpiresAt : c.EndedAt, c.EndedBy);
}

/// <summary>
/// Whether a booking is held to the caller's access: an API caller may name only leads, contacts and deals they can
/// see, and convert only holds their scope reaches; the demo seeder acts for the tenant.
/// </summary>
internal sealed record BookingWriteOptions(bool ApplyCallerScope)
{
    internal static readonly BookingWriteOptions AsCaller = new(ApplyCallerScope: true);

    internal static readonly BookingWriteOptions ForTenant = new(ApplyCallerScope: false);
}

internal sealed record ReservationListQuery(Guid? UnitId, Guid? DealId, BookingStatus? Status);
