using System.Collections.Concurrent;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Jobs;
using M3CoreCrm.BuildingBlocks.Tenancy;
using Npgsql;

namespace M3CoreCrm.IntegrationTests.Infrastructure;

/// <summary>A job of the tests: records each run (tenant, the row-level security setting seen), failing its first runs when asked.</summary>
internal sealed record ProbeJob(Guid Marker, int FailTimes)
{
    internal const string Kind = "test.probe";
}

internal sealed record ProbeRun(Guid Marker, Guid? Tenant, string Setting);

/// <summary>Every host of the test run registers it, since any host may pick up any job.</summary>
internal sealed class ProbeJobHandler(ITenantContext tenant, UnitOfWork unitOfWork) : IJobHandler<ProbeJob>
{
    internal static ConcurrentQueue<ProbeRun> Runs { get; } = new();

    internal static ConcurrentDictionary<Guid, int> Attempts { get; } = new();

    public async Task HandleAsync(ProbeJob job, CancellationToken cancellationToken)
    {
        if (Attempts.AddOrUpdate(job.Marker, 1, (_, n) => n + 1) <= job.FailTimes)
        {
            throw new InvalidOperationException("The probe fails as asked.");
        }

        var connection = await unitOfWork.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT current_setting('app.tenant_id')", connection, unitOfWork.Transaction);
        var setting = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        Runs.Enqueue(new ProbeRun(job.Marker, tenant.TenantId, setting));
    }
}
