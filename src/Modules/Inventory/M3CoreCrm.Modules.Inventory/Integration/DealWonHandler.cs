using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Inventory.Features.Bookings;

namespace M3CoreCrm.Modules.Inventory.Integration;

/// <summary>A won deal's reserved (or held) units become sold, in the transaction that wins the deal.</summary>
internal sealed class DealWonHandler(BookingOutcomes bookings) : IIntegrationEventSubscriber<DealWon>
{
    public Task HandleAsync(DealWon integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return bookings.SellForDealAsync(integrationEvent.DealId, cancellationToken);
    }
}
