namespace M3CoreCrm.Api.Jobs;

/// <summary>Configuration section <c>Jobs</c>: the durable work engine's timings.</summary>
internal sealed class JobSettings
{
    internal const string Section = "Jobs";

    /// <summary>The PostgreSQL schema of the engine's tables (created by <c>migrate</c>, never at start).</summary>
    public string Schema { get; set; } = "jobs";

    /// <summary>How often a node looks for due jobs; also the usual delay between a commit and its job running.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The least delay between enqueueing and running: the commit always comes first.</summary>
    public TimeSpan PickUpDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The first retry's delay; each next one doubles it (with up to 25% jitter).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries after the first failure; a job failing them all goes to the dead letters.</summary>
    public int Retries { get; set; } = 6;

    /// <summary>How often each node samples the job store for metrics and readiness.</summary>
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Connections the engine may hold at once (its own pool, beside the API's): polling, leases and the jobs
    /// themselves share them, so an instance's share of PostgreSQL's connection slots stays known.
    /// </summary>
    public int MaxConnections { get; set; } = 10;

    internal TimeSpan[] RetryDelays() =>
        Enumerable.Range(0, Retries).Select(i => FirstRetryDelay * Math.Pow(2, i)).ToArray();
}
