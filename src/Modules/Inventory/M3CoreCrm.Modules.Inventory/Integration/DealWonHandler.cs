using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Inventory.Claims;

namespace M3CoreCrm.Modules.Inventory.Events;

/// <summary>A won deal's reserved (or held) units become sold, in the transaction that wins the deal.</summary>
internal sealed class DealWonSubscriber(ClaimService claims) : IIntegrationEventSubscriber<DealWon>
{
    public Task HandleAsync(DealWon integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return claims.SellForDealAsync(integrationEvent.DealId, cancellationToken);
    }
}

/// <summary>A lost deal's holds are released and its reservations cancelled, in the transaction that loses the deal.</summary>
internal sealed class DealLostSubscriber(ClaimService claims) : IIntegrationEventSubscriber<DealLost>
{
    public Task HandleAsync(DealLost integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return claims.ReleaseForDealAsync(integrationEvent.DealId, cancellationToken);
    }
}
