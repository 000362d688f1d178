using M3CoreCrm.Api.Commands;

namespace M3CoreCrm.Api.Hosting;

/// <summary>Development and tests only (Database:MigrateOnStartup): migrate before the first request.</summary>
internal sealed class MigrateOnStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Migrator.MigrateAsync(services, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
