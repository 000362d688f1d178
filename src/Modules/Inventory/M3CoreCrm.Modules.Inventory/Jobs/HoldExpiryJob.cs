using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Inventory.Features.Bookings;
using M3CoreCrm.Modules.Tenancy.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace M3CoreCrm.Modules.Inventory.Jobs;

/// <summary>
/// Releases expired holds every <see cref="Interval"/> (by the injectable clock), so a release is visible within a
/// minute; reads treat a hold past its expiry as expired even before. The runtime role sees no rows without a
/// tenant, so a pass reads the active tenants' ids from Tenancy's directory (a global table) and runs each tenant
/// in its own scope and transaction, with the tenant set like a request's. Passes never overlap.
/// </summary>
internal sealed partial class HoldExpiryJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<HoldExpiryJob> logger) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _pass = new(1, 1);

    /// <summary>One pass over every active tenant; returns how many holds were released (callable from tests).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<Guid> tenants;
            await using (var scope = scopes.CreateAsyncScope())
            {
                tenants = await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().ListActiveIdsAsync(cancellationToken);
            }

            var released = 0;
            foreach (var tenantId in tenants)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenantId);
                    released += await scope.ServiceProvider.GetRequiredService<BookingOutcomes>().ExpireHoldsAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogTenantFailed(logger, ex, tenantId);
                }
            }

            if (released > 0)
            {
                LogReleased(logger, released);
            }

            return released;
        }
        finally
        {
            _pass.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPassFailed(logger, ex);
                await Task.Delay(Interval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Released {Count} expired unit holds")]
    private static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Releasing expired holds failed for tenant {TenantId}")]
    private static partial void LogTenantFailed(ILogger logger, Exception exception, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A hold expiry pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
