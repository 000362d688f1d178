namespace M3CoreCrm.Api.Jobs;

/// <summary>
/// Starts the engine's hosted services in the background, retrying until the database answers, instead of inside
/// the host's start: an instance comes up while PostgreSQL is down (live answers, readiness reports it), as it did
/// before the engine, and its jobs begin once the database is back.
/// </summary>
internal sealed partial class DeferredEngineStart(IReadOnlyList<IHostedService> engine, ILogger<DeferredEngineStart> logger) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private int _started;

    /// <summary>Replaces the hosted services that <paramref name="register"/> adds by one that starts them in order.</summary>
    internal static void Wrap(IServiceCollection services, Action register)
    {
        var before = services.Where(d => d.ServiceType == typeof(IHostedService)).ToHashSet();
        register();
        var added = services.Where(d => d.ServiceType == typeof(IHostedService) && !before.Contains(d)).ToList();
        foreach (var descriptor in added)
        {
            services.Remove(descriptor);
        }

        services.AddSingleton<IHostedService>(sp => new DeferredEngineStart(
            added.Select(d => Create(sp, d)).ToList(), sp.GetRequiredService<ILogger<DeferredEngineStart>>()));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // In their registration order, as the host would; one that started is not started again.
                for (; _started < engine.Count; _started++)
                {
                    await engine[_started].StartAsync(stoppingToken);
                }

                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogStartFailed(logger, ex, delay);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        for (var i = _started - 1; i >= 0; i--)
        {
            await engine[i].StopAsync(cancellationToken);
        }
    }

    private static IHostedService Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance as IHostedService
        ?? descriptor.ImplementationFactory?.Invoke(services) as IHostedService
        ?? (IHostedService)ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The job engine could not start; trying again in {Delay}")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, TimeSpan delay);
}
