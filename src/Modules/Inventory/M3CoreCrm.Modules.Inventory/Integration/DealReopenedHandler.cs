using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Inventory.Features.Bookings;

namespace M3CoreCrm.Modules.Inventory.Integration;

/// <summary>
/// A reopened deal gets back the holds and reservations its close ended, in the transaction that reopens it; a unit
/// taken since refuses the reopen (409 deal.units_taken) unless the caller chose to skip taken units.
/// </summary>
internal sealed class DealReopenedHandler(BookingOutcomes bookings) : IIntegrationEventSubscriber<DealReopened>
{
    public Task HandleAsync(DealReopened integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return bookings.RestoreForDealAsync(integrationEvent.DealId, integrationEvent.ClosedAt, integrationEvent.SkipTakenUnits, cancellationToken);
    }
}
