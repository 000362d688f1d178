using System.Diagnostics.Metrics;
using M3CoreCrm.BuildingBlocks.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.Logging;
using Wolverine.Runtime;

namespace M3CoreCrm.Api.Jobs;

/// <summary>
/// The engine's state for the metrics port (docs/adr/0028) and for readiness: jobs waiting (due or scheduled), dead
/// letters, and how late the oldest due job is. Sampled on a timer, not per scrape, so scrapes cost no query.
/// </summary>
internal sealed partial class JobMetrics : BackgroundService, IHealthCheck
{
    internal const string MeterName = "M3CoreCrm.Jobs";

    private readonly IWolverineRuntime _runtime;
    private readonly CrmDatabase _database;
    private readonly JobSettings _settings;
    private readonly ILogger<JobMetrics> _logger;
    private PersistedCounts? _counts;
    private double _oldestDueSeconds;
    private Exception? _lastFailure;

    public JobMetrics(IWolverineRuntime runtime, JobSettings settings, CrmDatabase database, ILogger<JobMetrics> logger, IMeterFactory meters)
    {
        _database = database;
        _runtime = runtime;
        _settings = settings;
        _logger = logger;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("crm.jobs.waiting", () => (long)(_counts?.Incoming + _counts?.ScheduledDue ?? 0), description: "Jobs due to run");
        meter.CreateObservableGauge("crm.jobs.scheduled", () => (long)(_counts?.Scheduled ?? 0), description: "Jobs scheduled for later");
        meter.CreateObservableGauge("crm.jobs.dead_letters", () => (long)(_counts?.DeadLetter ?? 0), description: "Jobs that failed every retry");
        meter.CreateObservableGauge("crm.jobs.oldest_due_age", () => _oldestDueSeconds, unit: "s", description: "How long the oldest due job has waited");
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_lastFailure is null
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The job store cannot be read.", _lastFailure));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_settings.MetricsInterval);
        do
        {
            try
            {
                var counts = await _runtime.Storage.Admin.FetchCountsAsync();
                _counts = counts;
                _oldestDueSeconds = counts.ScheduledDue > 0 || counts.Incoming > 0 ? await OldestDueSecondsAsync(stoppingToken) : 0;
                _lastFailure = null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _lastFailure = ex;
                LogSampleFailed(_logger, ex);
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<double> OldestDueSecondsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.Runtime.OpenConnectionAsync(cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand(
            $"SELECT coalesce(extract(epoch FROM now() - min(execution_time)), 0)::float8 FROM \"{_settings.Schema}\".wolverine_incoming_envelopes WHERE status <> 'Handled' AND execution_time <= now()",
            connection);
        return (double)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the job store's counts failed")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
