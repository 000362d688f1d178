using M3CoreCrm.IntegrationTests.Infrastructure;
using Npgsql;

namespace M3CoreCrm.IntegrationTests.Foundation;

/// <summary>
/// The throwaway servers the fixture relies on: they answer, survive a stop and start (for outage tests), and leave
/// nothing behind. Each test starts its own instance, separate from the fixture's; without local binaries (a Docker
/// engine or an existing server is used instead) there is nothing local to check.
/// </summary>
public sealed class TestServerTests
{
    [Fact]
    public async Task Local_postgres_answers_restarts_and_is_removed_on_dispose()
    {
        if (await LocalPostgresCluster.FindBinDirectoryAsync() is null)
        {
            return;
        }

        var cluster = await LocalPostgresCluster.StartAsync();
        string folder;
        await using (cluster)
        {
            folder = cluster.Folder;
            Assert.Equal(1, await SelectOneAsync(cluster));

            await cluster.StopAsync();
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => SelectOneAsync(cluster));
            await cluster.StartAgainAsync();
            Assert.Equal(1, await SelectOneAsync(cluster));
        }

        Assert.False(Directory.Exists(folder), $"{folder} was left behind.");
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => SelectOneAsync(cluster));
    }

    [Fact]
    public async Task Local_redis_answers_restarts_and_is_removed_on_dispose()
    {
        if (LocalRedisServer.FindExecutable() is null)
        {
            return;
        }

        var server = await LocalRedisServer.StartAsync();
        await using (server)
        {
            Assert.True(await LocalRedisServer.PingAsync(server.Port));

            await server.StopAsync();
            Assert.False(await LocalRedisServer.PingAsync(server.Port));
            await server.StartAgainAsync();
            Assert.True(await LocalRedisServer.PingAsync(server.Port));
        }

        Assert.False(await LocalRedisServer.PingAsync(server.Port));
        Assert.False(Directory.Exists(server.Folder), $"{server.Folder} was left behind.");
    }

    private static async Task<int> SelectOneAsync(PostgresServer server)
    {
        // No pooling: a pooled connection from before the restart would hide what the server does now.
        var builder = new NpgsqlConnectionStringBuilder(server.SuperuserConnectionString) { Pooling = false, Timeout = 5 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
