using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Inventory.Features.Bookings;

/// <summary>
/// What ends (or brings back) bookings without a booking request: a deal won, lost or reopened (in the deal's
/// transaction) and time (the hold expiry job). No caller scope applies: these follow from a change the caller was allowed to make, or from the clock.
/// </summary>
internal sealed class BookingOutcomes(InventoryDbContext db, UnitOfWork unitOfWork, TimeProvider clock, ICurrentActor actor)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>DealWon, in the deal's transaction: the deal's reservations and holds become sales.</summary>
    public async Task SellForDealAsync(Guid dealId, CancellationToken ct)
    {
        var now = Now;
        var bookings = await db.Bookings.Where(c => c.DealId == dealId && c.Status == BookingStatus.Active
            && (c.Kind == BookingKind.Reservation || c.Kind == BookingKind.Hold)).ToListAsync(ct);
        foreach (var booking in bookings)
        {
            var unit = await db.Units.IgnoreQueryFilters([QueryFilters.SoftDelete]).FirstAsync(u => u.Id == booking.UnitId, ct);
            booking.End(booking.Kind == BookingKind.Reservation ? BookingStatus.Completed : BookingStatus.Converted, actor.Id, now);
            await BookingSaves.SaveAsync(db, ct);
            var sale = UnitBooking.Sell(unit, booking, actor.Id, now);
            db.Bookings.Add(sale);
            await BookingSaves.SaveAsync(db, ct);
            unit.Booked(sale, now);
            await BookingSaves.SaveAsync(db, ct);
        }
    }

    /// <summary>DealLost, in the deal's transaction: the deal's holds are released and its reservations cancelled.</summary>
    public async Task ReleaseForDealAsync(Guid dealId, CancellationToken ct)
    {
        var now = Now;
        var bookings = await db.Bookings.Where(c => c.DealId == dealId && c.Status == BookingStatus.Active
            && (c.Kind == BookingKind.Reservation || c.Kind == BookingKind.Hold)).ToListAsync(ct);
        foreach (var booking in bookings)
        {
            var unit = await db.Units.IgnoreQueryFilters([QueryFilters.SoftDelete]).FirstAsync(u => u.Id == booking.UnitId, ct);
            booking.End(booking.Kind == BookingKind.Reservation ? BookingStatus.Cancelled : BookingStatus.Released, actor.Id, now);
            unit.Freed(now);
        }

        await BookingSaves.SaveAsync(db, ct);
    }

    /// <summary>
    /// DealReopened, in the deal's transaction: the holds and reservations the close ended (at or after
    /// <paramref name="closedAt"/>; the latest per unit) are booked again on their terms. A won deal's sale of the unit
    /// is cancelled first. A unit booked by anyone else since (or deleted) is taken: 409 deal.units_taken listing them,
    /// which rolls the reopen back, unless <paramref name="skipTaken"/>.
    /// </summary>
    public async Task RestoreForDealAsync(Guid dealId, DateTimeOffset closedAt, bool skipTaken, CancellationToken ct)
    {
        var now = Now;
        var since = Timestamps.Stored(closedAt);
        var ended = (await db.Bookings.Where(c => c.DealId == dealId && c.Status != BookingStatus.Active && c.EndedAt >= since
                && (c.Kind == BookingKind.Reservation || c.Kind == BookingKind.Hold))
                .OrderByDescending(c => c.EndedAt).ThenByDescending(c => c.Id).ToListAsync(ct))
            .DistinctBy(c => c.UnitId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToList();
        var taken = new List<Guid>();
        foreach (var booking in ended)
        {
            var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == booking.UnitId, ct);
            var active = unit is null ? null : await db.Bookings.FirstOrDefaultAsync(c => c.UnitId == unit.Id && c.Status == BookingStatus.Active, ct);
            if (unit is not null && active is not null && (active.IsExpired(now) || (active.Kind == BookingKind.Sale && active.DealId == dealId)))
            {
                active.End(active.IsExpired(now) ? BookingStatus.Expired : BookingStatus.Cancelled, actor.Id, now);
                unit.Freed(now);
                await BookingSaves.SaveAsync(db, ct);
                active = null;
            }

            if (unit is null || active is not null)
            {
                taken.Add(booking.UnitId);
                continue;
            }

            var holdFor = TimeSpan.FromHours(Math.Clamp(booking.HeldFor.TotalHours, 1, HoldRules.MaxHours));
            var again = UnitBooking.Reinstate(unit, booking, holdFor, actor.Id, now);
            db.Bookings.Add(again);
            await BookingSaves.SaveAsync(db, ct);
            unit.Booked(again, now);
            await BookingSaves.SaveAsync(db, ct);
        }

        if (taken.Count > 0 && !skipTaken)
        {
            throw Problems.Conflict("deal.units_taken",
                $"{taken.Count} unit(s) of the deal were booked by someone else since it closed; reopen with skipTakenUnits: true to reopen it without them.",
                new Dictionary<string, object?> { ["unitIds"] = taken });
        }
    }

    /// <summary>Ends the current tenant's active holds whose time is up (the expiry job's unit of work); returns how many.</summary>
    public async Task<int> ExpireHoldsAsync(CancellationToken ct)
    {
        var now = Now;
        return await unitOfWork.InTransactionAsync(async token =>
        {
            var holds = await db.Bookings.Where(c => c.Kind == BookingKind.Hold && c.Status == BookingStatus.Active && c.ExpiresAt <= now)
                .OrderBy(c => c.ExpiresAt).Take(500).ToListAsync(token);
            if (holds.Count == 0)
            {
                return 0;
            }

            var unitIds = holds.Select(h => h.UnitId).ToList();
            var units = await db.Units.IgnoreQueryFilters([QueryFilters.SoftDelete]).Where(u => unitIds.Contains(u.Id)).ToListAsync(token);
            foreach (var hold in holds)
            {
                hold.End(BookingStatus.Expired, null, now);
                if (units.FirstOrDefault(u => u.Id == hold.UnitId) is { Status: UnitStatus.Held } unit)
                {
                    unit.Freed(now);
                }
            }

            await db.SaveChangesAsync(token);
            return holds.Count;
        }, ct);
    }
}
