using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Inventory.Features.Bookings;

/// <summary>
/// What ends bookings without a booking request: a deal won or lost (in the deal's transaction) and time (the hold
/// expiry job). No caller scope applies: these follow from a change the caller was allowed to make, or from the clock.
/// </summary>
internal sealed class BookingOutcomes(InventoryDbContext db, UnitOfWork session, TimeProvider clock, ICurrentActor actor)
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

    /// <summary>Ends the current tenant's active holds whose time is up (the expiry job's unit of work); returns how many.</summary>
    public async Task<int> ExpireHoldsAsync(CancellationToken ct)
    {
        var now = Now;
        return await session.InTransactionAsync(async token =>
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
