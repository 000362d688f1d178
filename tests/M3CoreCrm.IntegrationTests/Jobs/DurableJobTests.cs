using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Jobs;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.IntegrationTests.Jobs;

[Collection("api")]
public sealed class DurableJobTests(ApiFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_committed_job_runs_once_in_its_tenant()
    {
        var tenant = await fixture.CreateAsync();
        var marker = Guid.NewGuid();

        await EnqueueAsync(fixture.Factory.Services, tenant.Id, commit: true, new ProbeJob(marker, 0));

        var run = await WaitForRunsAsync(marker, 1);
        Assert.Equal(tenant.Id, run[0].Tenant);
        Assert.Equal(tenant.Id.ToString(), run[0].Setting);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(RunsOf(marker));
    }

    [Fact]
    public async Task A_rolled_back_job_never_runs()
    {
        var tenant = await fixture.CreateAsync();
        var marker = Guid.NewGuid();

        await EnqueueAsync(fixture.Factory.Services, tenant.Id, commit: false, new ProbeJob(marker, 0));

        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Empty(RunsOf(marker));
        Assert.False(ProbeJobHandler.Attempts.ContainsKey(marker));
    }

    [Fact]
    public async Task A_failing_job_is_retried_until_it_succeeds()
    {
        var tenant = await fixture.CreateAsync();
        var marker = Guid.NewGuid();

        await EnqueueAsync(fixture.Factory.Services, tenant.Id, commit: true, new ProbeJob(marker, 2));

        await WaitForRunsAsync(marker, 1);
        Assert.Equal(3, ProbeJobHandler.Attempts[marker]);
    }

    [Fact]
    public async Task Two_hosts_on_one_database_run_each_job_once()
    {
        var tenant = await fixture.CreateAsync();
        var second = fixture.CreateFactory();
        _ = second.Server;
        var markers = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();

        for (var i = 0; i < markers.Count; i++)
        {
            var services = i % 2 == 0 ? fixture.Factory.Services : second.Services;
            await EnqueueAsync(services, tenant.Id, commit: true, new ProbeJob(markers[i], 0));
        }

        foreach (var marker in markers)
        {
            await WaitForRunsAsync(marker, 1);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.All(markers, marker => Assert.Single(RunsOf(marker)));
    }

    private static async Task EnqueueAsync(IServiceProvider services, Guid tenantId, bool commit, ProbeJob job)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenantId);
        var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<IJobOutbox>().EnqueueAsync(job, CancellationToken.None);
        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }

        unitOfWork.EndTransaction();
    }

    private static List<ProbeRun> RunsOf(Guid marker) => ProbeJobHandler.Runs.Where(r => r.Marker == marker).ToList();

    private static async Task<List<ProbeRun>> WaitForRunsAsync(Guid marker, int count)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var runs = RunsOf(marker);
            if (runs.Count >= count)
            {
                return runs;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The job {marker} did not run {count} time(s) within {Patience}.");
    }
}
