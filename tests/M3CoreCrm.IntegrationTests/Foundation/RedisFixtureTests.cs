using M3CoreCrm.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace M3CoreCrm.IntegrationTests.Foundation;

[Collection("api")]
public sealed class RedisFixtureTests(ApiFixture fixture)
{
    [Fact]
    public async Task Fixture_redis_takes_the_clients_connection_string()
    {
        var redis = await fixture.GetRedisAsync();

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var database = connection.GetDatabase();
        await database.StringSetAsync("m3core:probe", "ok", TimeSpan.FromMinutes(1));

        Assert.Equal("ok", (string?)await database.StringGetAsync("m3core:probe"));
    }
}
