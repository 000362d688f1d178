using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace M3CoreCrm.IntegrationTests.Infrastructure;

/// <summary>
/// One PostgreSQL server, one fresh database and one migrated API host for the whole "api" collection; everything
/// is stopped and deleted at the end, whether tests passed or not.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly List<CrmApiFactory> _extraFactories = [];
    private readonly Lazy<Task<RedisServer>> _redis = new(RedisServer.StartAsync);
    private PostgresServer? _postgres;
    private TestDatabase? _database;
    private CrmApiFactory? _factory;

    internal PostgresServer Postgres => _postgres ?? throw NotStarted();

    internal TestDatabase Database => _database ?? throw NotStarted();

    /// <summary>Every host of the fixture signs tokens with this key, so a token works on each of them.</summary>
    internal string SigningKey { get; } = CrmApiFactory.RandomSecret(64);

    internal string PlatformApiKey { get; } = CrmApiFactory.RandomSecret(32);

    /// <summary>The main host, started and migrated.</summary>
    internal CrmApiFactory Factory => _factory ?? throw NotStarted();

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        _database = await TestDatabase.CreateAsync(_postgres);
        _factory = NewFactory([]);
        _ = _factory.Server; // starts the host: migrations run now, and a failure fails the collection at once
    }

    public async Task DisposeAsync()
    {
        // Each step runs even if an earlier one fails: a leftover server would outlive the test run.
        foreach (var factory in _extraFactories.Append(_factory).OfType<CrmApiFactory>())
        {
            await Try(factory.DisposeAsync);
        }

        if (_redis.IsValueCreated)
        {
            await Try(async () => await (await _redis.Value).DisposeAsync());
        }

        await Try(_database);
        await Try(_postgres);
    }

    /// <summary>A client of the main host.</summary>
    internal HttpClient CreateClient() => Factory.CreateClient();

    /// <summary>Another host on the same database with some settings changed; disposed with the fixture.</summary>
    internal CrmApiFactory CreateFactory(params (string Key, string? Value)[] overrides) => CreateFactory(null, overrides);

    /// <summary>Another host with service replacements (e.g. a FakeTimeProvider) and changed settings.</summary>
    internal CrmApiFactory CreateFactory(Action<IServiceCollection>? testServices, params (string Key, string? Value)[] overrides)
    {
        var factory = new CrmApiFactory(Database, SigningKey, PlatformApiKey, overrides) { TestServices = testServices };
        lock (_extraFactories)
        {
            _extraFactories.Add(factory);
        }

        return factory;
    }

    /// <summary>A Redis server, started on first use and shared by the collection.</summary>
    internal Task<RedisServer> GetRedisAsync() => _redis.Value;

    internal Task<NpgsqlConnection> OpenSuperuserAsync() => OpenAsync(Database.SuperuserConnectionString);

    /// <summary>One value of a query run as the superuser (sees every tenant): for asserting what was written.</summary>
    internal async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = await OpenSuperuserAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    internal Task<NpgsqlConnection> OpenOwnerAsync() => OpenAsync(Database.OwnerConnectionString);

    internal Task<NpgsqlConnection> OpenRuntimeAsync() => OpenAsync(Database.RuntimeConnectionString);

    private CrmApiFactory NewFactory(IEnumerable<(string Key, string? Value)> overrides) =>
        new(Database, SigningKey, PlatformApiKey, overrides);

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static Task Try(IAsyncDisposable? disposable) => disposable is null ? Task.CompletedTask : Try(disposable.DisposeAsync);

    private static async Task Try(Func<ValueTask> step)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync($"Fixture cleanup step failed: {e.Message}");
        }
    }

    private static InvalidOperationException NotStarted() => new("The API fixture has not been initialized.");
}

/// <summary>Test classes in this collection share one server, database and host, and run one after another.</summary>
[CollectionDefinition("api")]
public sealed class ApiCollectionDefinition : ICollectionFixture<ApiFixture>;
