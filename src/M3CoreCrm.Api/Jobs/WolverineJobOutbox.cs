using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Jobs;
using M3CoreCrm.BuildingBlocks.Tenancy;
using Npgsql;
using Wolverine;
using Wolverine.RDBMS;
using Wolverine.Runtime;

namespace M3CoreCrm.Api.Jobs;

/// <summary>
/// The transactional outbox on the engine: jobs are written to the engine's tables through the unit of work's own
/// transaction, so they commit or roll back with the change. Every job is stored as scheduled (at the earliest a
/// pick-up delay from now): the engine's scheduler, which one node at a time runs under a database lock, hands it to
/// a node. Nothing depends on this process surviving the commit.
/// </summary>
internal sealed class WolverineJobOutbox(
    UnitOfWork unitOfWork, ITenantContext tenant, IWolverineRuntime runtime, JobKinds kinds, TimeProvider clock, JobSettings settings) : IJobOutbox
{
    private MessageContext? _context;
    private NpgsqlTransaction? _enlistedIn;

    public async Task EnqueueAsync<TJob>(TJob job, CancellationToken cancellationToken, DateTimeOffset? notBefore = null)
        where TJob : class
    {
        var transaction = unitOfWork.Transaction
            ?? throw new InvalidOperationException("A job is enqueued inside the transaction of the change that causes it.");
        var kind = kinds.ByType(typeof(TJob));
        var tenantId = tenant.RequiredTenantId;
        if (_context is null || !ReferenceEquals(_enlistedIn, transaction))
        {
            _context = new MessageContext(runtime, tenantId.ToString());
            await _context.EnlistInOutboxAsync(new DatabaseEnvelopeTransaction((IMessageDatabase)runtime.Storage, transaction));
            _enlistedIn = transaction;
        }

        var earliest = clock.GetUtcNow() + settings.PickUpDelay;
        var at = notBefore is { } requested && requested > earliest ? requested : earliest;
        await _context.ScheduleAsync(new TenantJob(tenantId, kind.Name, JobPayload.Write(job)), at,
            new DeliveryOptions { TenantId = tenantId.ToString() });
    }
}
