using System.Security.Cryptography;
using M3CoreCrm.Api.Hosting;
using M3CoreCrm.BuildingBlocks.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Serilog;

namespace M3CoreCrm.IntegrationTests.Infrastructure;

/// <summary>
/// The real API host in memory, in the "Testing" environment. Settings go in as host settings, so they win over
/// appsettings.json and are already visible while Program builds its services.
/// </summary>
internal sealed class CrmApiFactory : WebApplicationFactory<Program>
{
    internal const string JwtIssuer = "m3corecrm-test";
    internal const string JwtAudience = "m3corecrm-test-api";

    private readonly Dictionary<string, string?> _settings;

    internal CrmApiFactory(TestDatabase database, string signingKey, string platformApiKey, IEnumerable<(string Key, string? Value)> overrides)
    {
        SigningKey = signingKey;
        PlatformApiKey = platformApiKey;
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:CrmOwner"] = database.OwnerConnectionString,
            ["ConnectionStrings:Crm"] = database.RuntimeConnectionString,
            ["Jwt:SigningKey"] = signingKey,
            ["Jwt:Issuer"] = JwtIssuer,
            ["Jwt:Audience"] = JwtAudience,
            ["Platform:ApiKey"] = platformApiKey,
            ["Database:MigrateOnStartup"] = "true",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // Every host gets a management port of its own (a free one) for /metrics.
            ["Metrics:Port"] = "0",
            // In-memory requests have no client address, so the whole test run shares one per-IP partition:
            // per-IP and per-account quotas sized for that. Rate-limit tests set them low on hosts of their own.
            ["RateLimiting:Anonymous:RequestsPerMinute"] = "1000000",
            ["RateLimiting:Auth:PerIp:RequestsPerMinute"] = "1000000",
            ["RateLimiting:Auth:PerAccount:RequestsPerMinute"] = "1000000",
            // Durable jobs: picked up and retried within moments, so tests wait little.
            ["Jobs:PollingInterval"] = "00:00:00.250",
            ["Jobs:PickUpDelay"] = "00:00:00.050",
            ["Jobs:FirstRetryDelay"] = "00:00:00.200",
            ["Jobs:Retries"] = "3",
            // Dozens of hosts share one test server: each engine keeps a small pool.
            ["Jobs:MaxConnections"] = "6",
        };
        foreach (var (key, value) in overrides)
        {
            _settings[key] = value;
        }
    }

    /// <summary>The HMAC key the host signs and validates access tokens with.</summary>
    internal string SigningKey { get; }

    /// <summary>The key for the platform endpoints (tenant creation).</summary>
    internal string PlatformApiKey { get; }

    internal IReadOnlyDictionary<string, string?> Settings => _settings;

    /// <summary>The host's environment: "Testing" unless a test checks what another environment does.</summary>
    internal string Environment { get; init; } = "Testing";

    /// <summary>Service replacements for this host (e.g. a FakeTimeProvider), applied after the app's own.</summary>
    internal Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>A random string of URL-safe characters, for keys and secrets.</summary>
    internal static string RandomSecret(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", length);

    /// <summary>A client of the host's management port (<c>/metrics</c>); starts the host.</summary>
    internal HttpClient CreateMetricsClient()
    {
        _ = Server;
        var port = Services.GetRequiredService<MetricsEndpoint>().Port ?? throw new InvalidOperationException("The metrics endpoint has not started.");
        return new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // The hosts' logs (the expected errors of fault tests among them) go to a file, not to the test run's console:
        // this logger replaces the host's console one; levels still come from the configuration.
        builder.ConfigureTestServices(services =>
        {
            services.AddSerilog((sp, logger) => logger.ReadFrom.Configuration(sp.GetRequiredService<IConfiguration>())
                .WriteTo.File(TestLogs.HostLogPath, shared: true));
            CachingLoggerFactory.Wrap(services);
            // Any host of the run may pick up any job, so every host knows the tests' job.
            services.AddJob<ProbeJob, ProbeJobHandler>(ProbeJob.Kind);
        });
        if (TestServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }
}
