using M3CoreCrm.Api.Hosting;
using M3CoreCrm.BuildingBlocks.SharedState;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace M3CoreCrm.Api.Redis;

/// <summary>With <c>ConnectionStrings:Redis</c>: one connection, the shared store on it, and a readiness check.</summary>
internal static class RedisSetup
{
    internal static IServiceCollection AddCrmRedis(this IServiceCollection services, string? connectionString)
    {
        if (connectionString is null)
        {
            return services; // one machine: in-process limits and caches (NoSharedStore)
        }

        services.AddSingleton(RedisConnection.Options(connectionString));
        services.AddSingleton<RedisOutageMonitor>();
        services.AddSingleton<RedisConnection>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisConnection>());
        services.Replace(ServiceDescriptor.Singleton<ISharedStore, RedisSharedStore>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, [HealthSetup.Ready], TimeSpan.FromSeconds(3));
        return services;
    }
}
