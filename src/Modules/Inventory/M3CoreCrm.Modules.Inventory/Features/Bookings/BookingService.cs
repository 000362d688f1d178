using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Contacts.Contracts;
using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Domain;
using M3CoreCrm.Modules.Inventory.Features.Shared;
using M3CoreCrm.Modules.Leads.Contracts;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Inventory.Features.Bookings;

/// <summary>
/// The booking workflow: every change of a unit's status is a booking row (inserted or ended) and the unit's status,
/// saved in one transaction. A new active booking is inserted before the unit is updated, so of concurrent requests
/// the partial unique index lets exactly one through; the others get 409 <c>unit.unavailable</c>. An active hold
/// past its expiry is ended as expired before a new booking is made (the job may not have run yet).
/// </summary>
internal sealed class BookingService(
    InventoryDbContext db,
    UnitOfWork unitOfWork,
    TimeProvider clock,
    ICurrentActor actor,
    BookingScope scope,
    IDealDirectory deals,
    ILeadDirectory leads,
    IContactDirectory contacts,
    IValidator<ReservationInput> reservationValidator)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<UnitBooking> HoldAsync(Guid unitId, HoldUnitRequest request, BookingWriteOptions options, CancellationToken ct)
    {
        await CheckReferencesAsync(request.LeadId, request.ContactId, request.DealId, options, ct);
        var now = Now;
        return await BookAsync(unitId, (unit, active) =>
        {
            EnsureFree(unit, active);
            return Task.FromResult(UnitBooking.Hold(unit, request.LeadId, request.ContactId, request.DealId, now.AddHours(request.Hours ?? HoldRules.DefaultHours), actor.Id, now));
        }, ct);
    }

    public async Task<UnitBooking> BlockAsync(Guid unitId, CancellationToken ct) =>
        await BookAsync(unitId, (unit, active) =>
        {
            EnsureFree(unit, active);
            return Task.FromResult(UnitBooking.Block(unit, actor.Id, Now));
        }, ct);

    /// <summary>
    /// Reserves a unit for a deal: the unit must be available, or held for that deal or for a lead or contact (the
    /// hold becomes the reservation: "converted") when the caller's inventory.hold scope reaches that hold. A hold for
    /// another deal or outside that scope, a reservation, a sale or a block: 409.
    /// </summary>
    public async Task<UnitBooking> ReserveAsync(ReserveUnitRequest request, BookingWriteOptions options, CancellationToken ct)
    {
        await CheckReferencesAsync(null, null, request.DealId, options, ct);
        var plan = PaymentPlans.Write(request.PaymentPlan);
        return await BookAsync(request.UnitId, async (unit, active) =>
        {
            if (active is { Kind: BookingKind.Hold } hold && (hold.DealId is null || hold.DealId == request.DealId)
                && (!options.ApplyCallerScope || await scope.CoversAsync(InventoryPermissions.Hold, hold, ct)))
            {
                hold.End(BookingStatus.Converted, actor.Id, Now);
            }
            else
            {
                EnsureFree(unit, active);
            }

            if (request.DepositAmount > unit.ListPrice)
            {
                throw InventoryRules.Field("depositAmount", $"The deposit exceeds the unit's price ({unit.ListPrice} {unit.Currency}).");
            }

            return UnitBooking.Reserve(unit, request.DealId, request.DepositAmount, plan, actor.Id, Now);
        }, ct, unitField: "unitId");
    }

    /// <summary>
    /// Releases the unit's active hold, when the caller's inventory.hold scope reaches it (403 otherwise: the unit and
    /// its status are visible, the hold is someone else's); a reservation is cancelled instead, a block unblocked.
    /// </summary>
    public async Task<Unit> ReleaseAsync(Guid unitId, CancellationToken ct) =>
        await EndAsync(unitId, async active => active switch
        {
            { Kind: BookingKind.Hold } hold => await scope.CoversAsync(InventoryPermissions.Hold, hold, ct)
                ? BookingStatus.Released
                : throw Problems.Forbidden("inventory.hold_out_of_scope", "The unit's hold is outside your 'inventory.hold' scope: it is neither yours nor on a deal or lead you own."),
            { Kind: BookingKind.Reservation } => throw Problems.Conflict("unit.reserved", "The unit is reserved; cancel the reservation to release it."),
            { Kind: BookingKind.Sale } => throw Problems.Conflict("unit.sold", "The unit is sold."),
            { Kind: BookingKind.Block } => throw Problems.Conflict("unit.blocked", "The unit is blocked; unblock it instead."),
            _ => throw Problems.Conflict("unit.not_held", "The unit is not held."),
        }, ct);

    public async Task<Unit> UnblockAsync(Guid unitId, CancellationToken ct) =>
        await EndAsync(unitId, active => Task.FromResult(active is { Kind: BookingKind.Block }
            ? BookingStatus.Released
            : throw Problems.Conflict("unit.not_blocked", "The unit is not blocked.")), ct);

    /// <summary>Cancels an active reservation the caller's inventory.reserve scope reaches; one outside it is not found.</summary>
    public async Task<UnitBooking> CancelReservationAsync(Guid reservationId, CancellationToken ct)
    {
        var reservation = await db.Bookings.AsNoTracking().Where(await scope.FilterAsync(InventoryPermissions.Reserve, ct))
            .FirstOrDefaultAsync(c => c.Id == reservationId && c.Kind == BookingKind.Reservation, ct)
            ?? throw Problems.NotFound("reservation", reservationId);
        UnitBooking? ended = null;
        await EndAsync(reservation.UnitId, active =>
        {
            if (active?.Id != reservationId)
            {
                throw Problems.Conflict("reservation.not_active", $"The reservation is {reservation.Status.ToString().ToLowerInvariant()}; only an active one is cancelled.");
            }

            ended = active;
            return Task.FromResult(BookingStatus.Cancelled);
        }, ct);
        return ended!;
    }

    /// <summary>An active reservation the caller's inventory.reserve scope reaches (tracked, to amend); 404 otherwise.</summary>
    public async Task<UnitBooking> FindReservationAsync(Guid reservationId, CancellationToken ct) =>
        await db.Bookings.Where(await scope.FilterAsync(InventoryPermissions.Reserve, ct))
            .FirstOrDefaultAsync(c => c.Id == reservationId && c.Kind == BookingKind.Reservation, ct)
            ?? throw Problems.NotFound("reservation", reservationId);

    /// <summary>
    /// Amends an active reservation with a merge patch of its price, deposit and payment plan (validated like a new
    /// one); the audit row holds each changed field's old and new value. An ended reservation: 409 reservation.not_active.
    /// </summary>
    public async Task AmendReservationAsync(UnitBooking reservation, JsonElement patch, CancellationToken ct)
    {
        if (reservation.Status != BookingStatus.Active)
        {
            throw Problems.Conflict("reservation.not_active", $"The reservation is {reservation.Status.ToString().ToLowerInvariant()}; only an active one is amended.");
        }

        var input = MergePatch.Apply(ReservationInput.From(reservation), patch);
        await reservationValidator.EnsureValidAsync(input, ct);
        reservation.Amend(input.Price, input.DepositAmount, PaymentPlans.Write(input.PaymentPlan));
        await db.SaveChangesAsync(ct);
    }

    private static void EnsureFree(Unit unit, UnitBooking? active)
    {
        if (active is not null || unit.Status != UnitStatus.Available)
        {
            var status = active?.Kind switch
            {
                BookingKind.Hold => "held",
                BookingKind.Reservation => "reserved",
                BookingKind.Sale => "sold",
                BookingKind.Block => "blocked",
                _ => unit.Status.ToString().ToLowerInvariant(),
            };
            throw BookingSaves.Unavailable($"The unit is {status}.", status);
        }
    }

    /// <summary>
    /// In one transaction: the unit (404), its active booking (ended as expired when its time is up), the new booking
    /// from <paramref name="make"/> (which may end the active one), then the unit's status.
    /// </summary>
    private async Task<UnitBooking> BookAsync(Guid unitId, Func<Unit, UnitBooking?, Task<UnitBooking>> make, CancellationToken ct, string? unitField = null) =>
        await unitOfWork.InTransactionAsync(async token =>
        {
            var now = Now;
            var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, token)
                ?? throw (unitField is null ? Problems.NotFound("unit", unitId) : InventoryRules.Field(unitField, $"No unit {unitId} exists."));
            var active = await db.Bookings.FirstOrDefaultAsync(c => c.UnitId == unitId && c.Status == BookingStatus.Active, token);
            if (active is not null && active.IsExpired(now))
            {
                active.End(BookingStatus.Expired, null, now);
                unit.Freed(now);
                await BookingSaves.SaveAsync(db, token);
                active = null;
            }

            var booking = await make(unit, active);
            await BookingSaves.SaveAsync(db, token); // an active booking the new one replaces ends first: the unique index sees one at a time
            db.Bookings.Add(booking);
            await BookingSaves.SaveAsync(db, token);
            unit.Booked(booking, now);
            await BookingSaves.SaveAsync(db, token);
            return booking;
        }, ct);

    /// <summary>In one transaction: ends the unit's active booking with the outcome <paramref name="decide"/> gives, and frees the unit.</summary>
    private async Task<Unit> EndAsync(Guid unitId, Func<UnitBooking?, Task<BookingStatus>> decide, CancellationToken ct) =>
        await unitOfWork.InTransactionAsync(async token =>
        {
            var now = Now;
            var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, token) ?? throw Problems.NotFound("unit", unitId);
            var active = await db.Bookings.FirstOrDefaultAsync(c => c.UnitId == unitId && c.Status == BookingStatus.Active, token);
            var outcome = await decide(active is not null && active.IsExpired(now) ? null : active);
            active!.End(outcome, actor.Id, now);
            unit.Freed(now);
            await BookingSaves.SaveAsync(db, token);
            return unit;
        }, ct);

    /// <summary>
    /// The lead, contact or deal must exist in the tenant and, for an API caller, be visible to them: one they cannot
    /// see gets the very answer of a missing one, so ids cannot be probed.
    /// </summary>
    private async Task CheckReferencesAsync(Guid? leadId, Guid? contactId, Guid? dealId, BookingWriteOptions options, CancellationToken ct)
    {
        var visible = options.ApplyCallerScope;
        if (dealId is { } deal && !(visible ? await deals.VisibleAsync([deal], ct) : await deals.ExistingAsync([deal], ct)).Contains(deal))
        {
            throw InventoryRules.Field("dealId", $"No deal {deal} exists.");
        }

        if (leadId is { } lead && !(visible ? await leads.VisibleAsync([lead], ct) : await leads.ExistingAsync([lead], ct)).Contains(lead))
        {
            throw InventoryRules.Field("leadId", $"No lead {lead} exists.");
        }

        if (contactId is { } contact
            && !(visible ? await contacts.VisibleContactsAsync([contact], ct) : await contacts.ExistingContactsAsync([contact], ct)).Contains(contact))
        {
            throw InventoryRules.Field("contactId", $"No contact {contact} exists.");
        }
    }
}
