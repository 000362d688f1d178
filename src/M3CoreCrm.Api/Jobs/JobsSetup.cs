using JasperFx;
using M3CoreCrm.BuildingBlocks.Jobs;
using Npgsql;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;

namespace M3CoreCrm.Api.Jobs;

/// <summary>
/// Durable work on Wolverine with PostgreSQL persistence (docs/adr/0030): one message type, durable local
/// queues, scheduled delivery, retries with backoff and jitter, dead letters in the database. The engine's tables
/// are the migrate command's; the runtime role only reads and writes them.
/// </summary>
internal static class JobsSetup
{
    internal static void AddCrmJobs(this WebApplicationBuilder builder, string runtimeConnectionString)
    {
        var settings = builder.Configuration.GetSection(JobSettings.Section).Get<JobSettings>() ?? new JobSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<JobMetrics>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobMetrics>());
        builder.Services.AddHealthChecks().AddCheck<JobMetrics>("jobs", tags: [Hosting.HealthSetup.Ready]);
        builder.Services.AddSingleton<JobKinds>();
        builder.Services.AddScoped<IJobOutbox, WolverineJobOutbox>();
        DeferredEngineStart.Wrap(builder.Services, () => builder.UseWolverine(options =>
        {
            var bounded = new NpgsqlConnectionStringBuilder(runtimeConnectionString) { MaxPoolSize = settings.MaxConnections };
            ConfigureStorage(options, settings, bounded.ConnectionString, AutoCreate.None);
            options.Discovery.IncludeType(typeof(TenantJobHandler));
            // An instance starts while PostgreSQL is down (readiness says so, and the engine retries its work).
            options.ResourceMigrationFailureMode = ResourceMigrationFailureMode.ContinueOnFailures;
            options.Policies.OnException<Exception>()
                .ScheduleRetry(settings.RetryDelays()).WithBoundedJitter(0.25)
                .Then.MoveToErrorQueue();
        }));
    }

    /// <summary>What the serving host and the migrate command share: the store, its schema, the service's name.</summary>
    internal static void ConfigureStorage(WolverineOptions options, JobSettings settings, string connectionString, AutoCreate autoCreate)
    {
        options.ServiceName = "m3corecrm";
        options.ApplicationAssembly = typeof(JobsSetup).Assembly;
        options.Discovery.DisableConventionalDiscovery();
        options.PersistMessagesWithPostgresql(connectionString, settings.Schema);
        options.AutoBuildMessageStorageOnStartup = autoCreate;
        options.Policies.UseDurableLocalQueues();
        options.Durability.ScheduledJobPollingTime = settings.PollingInterval;
        options.Durability.ScheduledJobFirstExecution = settings.PollingInterval;
    }
}
