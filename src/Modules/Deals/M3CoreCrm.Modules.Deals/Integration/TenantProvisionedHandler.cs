using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.Modules.Deals.Data;
using M3CoreCrm.Modules.Deals.Features.Pipelines;
using M3CoreCrm.Modules.Tenancy.Contracts;

namespace M3CoreCrm.Modules.Deals.Integration;

/// <summary>Seeds the default sales pipeline of a new tenant, inside the provisioning transaction.</summary>
internal sealed class TenantProvisionedHandler(DealsDbContext db, TimeProvider clock) : IIntegrationEventSubscriber<TenantProvisioned>
{
    public async Task HandleAsync(TenantProvisioned integrationEvent, CancellationToken cancellationToken)
    {
        db.Pipelines.Add(DefaultPipeline.Create(clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
    }
}
