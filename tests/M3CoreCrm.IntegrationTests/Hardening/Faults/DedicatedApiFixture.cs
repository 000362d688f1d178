using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Npgsql;

namespace M3CoreCrm.IntegrationTests.Hardening.Faults;

/// <summary>
/// A PostgreSQL cluster from local binaries that only one test class uses (so it may stop, restart and kill it),
/// a fresh database on it, and a migrated API host with one tenant whose owner is logged in. Always the local
/// binaries, even when a Docker engine or M3CORE_TEST_POSTGRES is there: the tests signal the postmaster itself.
/// The cluster is durable (fsync, synchronous_commit on), as in production: with asynchronous commits an immediate
/// shutdown or a kill loses the last commits, on a busy machine even the fixture's own tenant.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xUnit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class DedicatedApiFixture : IAsyncLifetime
{
    /// <summary>A client request never takes longer than this; a request that would hang fails the test instead.</summary>
    internal static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    private const string Password = "Coral-Harbour-2026!";

    private LocalPostgresCluster? _cluster;
    private TestDatabase? _database;
    private CrmApiFactory? _factory;
    private string? _accessToken;

    internal LocalPostgresCluster Cluster => _cluster ?? throw NotStarted();

    internal CrmApiFactory Factory => _factory ?? throw NotStarted();

    internal Guid TenantId { get; private set; }

    /// <summary>The owner's login body (POST /api/v1/auth/login).</summary>
    internal string OwnerLoginJson { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        _ = await LocalPostgresCluster.FindBinDirectoryAsync()
            ?? throw new InvalidOperationException("The fault tests need the PostgreSQL server binaries (initdb, pg_ctl): test.sh installs them.");
        _cluster = await LocalPostgresCluster.StartAsync(durable: true);
        _database = await TestDatabase.CreateAsync(_cluster);
        var platformKey = CrmApiFactory.RandomSecret(32);
        _factory = new CrmApiFactory(_database, CrmApiFactory.RandomSecret(64), platformKey,
        [
            // Bounded waits: a connect or command against a dead server fails within seconds instead of hanging.
            ("ConnectionStrings:Crm", new NpgsqlConnectionStringBuilder(_database.RuntimeConnectionString) { Timeout = 5, CommandTimeout = 15 }.ConnectionString),
            ("RateLimiting:Tenant:RequestsPerMinute", "1000000"),
            ("RateLimiting:User:RequestsPerMinute", "1000000"),
            // The outage logs errors for every failed request, as it should; here they are expected noise. To see
            // them while investigating a failure, set M3CORE_FAULTS_LOG to a level (Error, Warning).
            ("Serilog:MinimumLevel:Default", Environment.GetEnvironmentVariable("M3CORE_FAULTS_LOG") ?? "Fatal"),
            ("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Fatal"),
            ("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore", "Fatal"),
        ]);
        _ = _factory.Server; // migrates now
        await ProvisionTenantAsync(platformKey);
    }

    public async Task DisposeAsync()
    {
        // Each step runs even if an earlier one fails: a leftover server would outlive the test run.
        await Try(_factory);
        await Try(_database);
        await Try(_cluster);
    }

    /// <summary>A client of the host sending the tenant owner's token.</summary>
    internal HttpClient OwnerClient()
    {
        var client = Factory.CreateClient();
        client.Timeout = ClientTimeout;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _accessToken);
        return client;
    }

    /// <summary>An anonymous client (health endpoints).</summary>
    internal HttpClient AnonymousClient()
    {
        var client = Factory.CreateClient();
        client.Timeout = ClientTimeout;
        return client;
    }

    /// <summary>A superuser connection that bypasses the pool, so nothing stale survives a restart.</summary>
    internal async Task<NpgsqlConnection> OpenSuperuserAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(_database!.SuperuserConnectionString) { Pooling = false, Timeout = 10 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Starts the server again if an earlier test left it stopped or killed (a failed test skips its restart).</summary>
    internal async Task EnsureRunningAsync()
    {
        try
        {
            await using var connection = await OpenSuperuserAsync();
        }
        catch (NpgsqlException)
        {
            await Cluster.StartAgainAsync();
        }
    }

    private async Task ProvisionTenantAsync(string platformKey)
    {
        var slug = "f" + Guid.NewGuid().ToString("N")[..12];
        var email = $"owner@{slug}.test";
        using var client = AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/platform/tenants")
        {
            Content = JsonContent.Create(new { slug, name = $"Faults {slug}", ownerEmail = email, ownerPassword = Password, defaultCurrency = "AED" }),
        };
        request.Headers.Add("X-Platform-Key", platformKey);
        using var created = await client.SendAsync(request);
        var tenant = await ReadSuccessAsync(created, "Tenant provisioning");
        TenantId = tenant.GetProperty("tenant").GetProperty("id").GetGuid();

        OwnerLoginJson = JsonSerializer.Serialize(new { tenant = slug, email, password = Password });
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { tenant = slug, email, password = Password });
        _accessToken = (await ReadSuccessAsync(login, "Login")).GetProperty("accessToken").GetString();
    }

    private static async Task<JsonElement> ReadSuccessAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{what} failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task Try(IAsyncDisposable? disposable)
    {
        try
        {
            if (disposable is not null)
            {
                await disposable.DisposeAsync();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync($"Fault fixture cleanup step failed: {e.Message}");
        }
    }

    private static InvalidOperationException NotStarted() => new("The fault fixture has not been initialized.");
}
