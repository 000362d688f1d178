using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Inventory.Features.Bookings;

namespace M3CoreCrm.Modules.Inventory.Demo;

/// <summary>
/// The demo tenant's bookings, after the deals (which chose their units among the "unit" records): each deal with a
/// unit books it through the booking workflow as a living agency would have. Open deals alternate holds and
/// reservations whose payment plans stand at different stages (a first instalment long due, one due next week, a
/// plan tied to construction events); won deals' reservations became sales; lost deals' reservations were
/// cancelled; reopened deals lost theirs and got them back.
/// </summary>
internal sealed class InventoryBookingsDemoSeeder(BookingService bookings, BookingOutcomes outcomes, TimeProvider clock) : IDemoDataSeeder
{
    public int Order => 45;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Published by the Deals seeder: "deal.booking" and "deal.booking.unit" pair each deal with its unit.
        var (deals, units) = (context.Records.Of("deal.booking"), context.Records.Of("deal.booking.unit"));
        var won = context.Records.Of("deal.won").ToHashSet();
        var lost = context.Records.Of("deal.lost").ToHashSet();
        var reopened = context.Records.Of("deal.reopened").ToHashSet();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        for (var i = 0; i < Math.Min(deals.Count, units.Count); i++)
        {
            var (deal, unit) = (deals[i], units[i]);
            var holdOnly = !won.Contains(deal) && !reopened.Contains(deal) && i % 3 == 0;
            if (holdOnly)
            {
                await bookings.HoldAsync(unit, new HoldUnitRequest(null, null, deal, 24 + (i % 5 * 24)), BookingWriteOptions.ForTenant, cancellationToken);
            }
            else
            {
                await bookings.ReserveAsync(new ReserveUnitRequest(unit, deal, 50_000m * (1 + (i % 3)), Plan(i, today)), BookingWriteOptions.ForTenant, cancellationToken);
            }

            if (won.Contains(deal))
            {
                await outcomes.SellForDealAsync(deal, cancellationToken);
            }
            else if (lost.Contains(deal) || reopened.Contains(deal))
            {
                var closedAt = clock.GetUtcNow();
                await outcomes.ReleaseForDealAsync(deal, cancellationToken);
                if (reopened.Contains(deal))
                {
                    await outcomes.RestoreForDealAsync(deal, closedAt, skipTaken: true, cancellationToken);
                }
            }
        }
    }

    /// <summary>Three kinds of plan, by the deal's place in the list: long running, about to fall due, tied to construction.</summary>
    private static List<PaymentMilestone> Plan(int i, DateOnly today) => (i % 3) switch
    {
        0 =>
        [
            new("Booking", 10m, today.AddMonths(-4), null),
            new("First instalment", 20m, today.AddMonths(-1), null),
            new("Second instalment", 20m, today.AddMonths(5), null),
            new("Handover", 50m, null, "handover"),
        ],
        1 =>
        [
            new("Booking", 20m, today.AddDays(7), null),
            new("On SPA signing", 30m, today.AddMonths(2), null),
            new("Handover", 50m, null, "handover"),
        ],
        _ =>
        [
            new("Booking", 10m, today.AddDays(-20), null),
            new("Construction 50%", 30m, null, "construction-50"),
            new("Construction 100%", 30m, null, "construction-100"),
            new("Handover", 30m, null, "handover"),
        ],
    };
}
