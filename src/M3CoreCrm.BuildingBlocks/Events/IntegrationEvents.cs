using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.BuildingBlocks.Events;

/// <summary>Handles another module's integration event, inside the publisher's unit of work (same transaction).</summary>
public interface IIntegrationEventSubscriber<in TEvent>
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}

/// <summary>
/// In-process, synchronous publication: every handler runs in the caller's scope and transaction, so the use case
/// commits or rolls back as one (one transaction shared by the module contexts: docs/adr/0012).
/// </summary>
public sealed class IntegrationEventPublisher(IServiceProvider services)
{
    public async Task PublishAsync<TEvent>(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        foreach (var handler in services.GetServices<IIntegrationEventSubscriber<TEvent>>())
        {
            await handler.HandleAsync(integrationEvent, cancellationToken);
        }
    }
}
