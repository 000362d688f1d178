using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.BuildingBlocks.Jobs;

/// <summary>
/// The one message type the engine stores and moves: a job of a registered kind, its JSON payload and its tenant.
/// Modules never see the engine: they enqueue through <see cref="IJobOutbox"/> and run in <see cref="IJobHandler{T}"/>.
/// Public because the engine (in the host) generates its handler code in an assembly of its own; nothing here
/// references the engine.
/// </summary>
public sealed record TenantJob(Guid TenantId, string Kind, string Payload);

/// <summary>The engine's handler of every job: runs it through its kind, in the job's tenant and a transaction.</summary>
public static class TenantJobHandler
{
    public static Task Handle(TenantJob job, JobKinds kinds, IServiceScopeFactory scopes, CancellationToken cancellationToken) =>
        kinds.ByName(job.Kind).RunAsync(scopes, job.TenantId, job.Payload, cancellationToken);
}
