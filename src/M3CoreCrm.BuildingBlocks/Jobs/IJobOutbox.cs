namespace M3CoreCrm.BuildingBlocks.Jobs;

/// <summary>
/// Durable background work (the transactional outbox): a job is stored in the unit of work's transaction, so it
/// exists exactly when the change that caused it commits. It then runs on one node of the cluster, in the tenant
/// that enqueued it, retried with exponential backoff and jitter; what still fails lands in the dead letters.
/// </summary>
public interface IJobOutbox
{
    /// <summary>
    /// Stores <paramref name="job"/> in the open transaction of the unit of work; it runs after the commit, not
    /// before <paramref name="notBefore"/> when given. Without an open transaction this throws: a job follows a change.
    /// </summary>
    Task EnqueueAsync<TJob>(TJob job, CancellationToken cancellationToken, DateTimeOffset? notBefore = null)
        where TJob : class;
}

/// <summary>
/// Runs one kind of job, in a scope of its own whose tenant is the job's and inside one transaction of the unit
/// of work. A job may run more than once (at least once delivery): a handler is idempotent.
/// </summary>
public interface IJobHandler<in TJob>
    where TJob : class
{
    Task HandleAsync(TJob job, CancellationToken cancellationToken);
}
