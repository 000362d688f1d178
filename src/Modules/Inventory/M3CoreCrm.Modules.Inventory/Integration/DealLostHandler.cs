using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Inventory.Features.Bookings;

namespace M3CoreCrm.Modules.Inventory.Integration;

/// <summary>A lost deal's holds are released and its reservations cancelled, in the transaction that loses the deal.</summary>
internal sealed class DealLostHandler(BookingOutcomes bookings) : IIntegrationEventSubscriber<DealLost>
{
    public Task HandleAsync(DealLost integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return bookings.ReleaseForDealAsync(integrationEvent.DealId, cancellationToken);
    }
}
