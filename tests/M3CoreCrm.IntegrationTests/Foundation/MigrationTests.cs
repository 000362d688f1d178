using M3CoreCrm.Api.Commands;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Npgsql;

namespace M3CoreCrm.IntegrationTests.Foundation;

[Collection("api")]
public sealed class MigrationTests(ApiFixture fixture)
{
    [Fact]
    public async Task Migrating_again_is_a_no_op()
    {
        var before = await HistoryCountsAsync();

        await Migrator.MigrateAsync(fixture.Factory.Services, CancellationToken.None);

        Assert.NotEmpty(before);
        Assert.All(before, h => Assert.True(h.Value > 0, $"{h.Key} has no applied migration."));
        Assert.Equal(before, await HistoryCountsAsync());
    }

    /// <summary>Rows of every module's migrations history table, by schema.</summary>
    private async Task<Dictionary<string, long>> HistoryCountsAsync()
    {
        await using var connection = await fixture.OpenSuperuserAsync();
        var schemas = new List<string>();
        await using (var command = new NpgsqlCommand(
            "SELECT table_schema FROM information_schema.tables WHERE table_name = '__EFMigrationsHistory' ORDER BY 1", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                schemas.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>();
        foreach (var schema in schemas)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".\"__EFMigrationsHistory\"", connection);
            counts[schema] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }
}
