using M3CoreCrm.IntegrationTests.Infrastructure;
using Npgsql;

namespace M3CoreCrm.IntegrationTests.Isolation;

/// <summary>The tenant set on a pooled connection never reaches the next user of that connection.</summary>
[Collection("api")]
public sealed class PooledConnectionTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_tenant_set_on_a_connection_is_gone_when_the_pool_hands_it_out_again()
    {
        var tenant = await fixture.CreateAsync();
        var builder = new NpgsqlConnectionStringBuilder(fixture.Database.RuntimeConnectionString) { MaxPoolSize = 1, ApplicationName = "pool-reset-test" };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);

        int firstPid;
        await using (var first = await dataSource.OpenConnectionAsync())
        {
            firstPid = first.ProcessID;
            await using var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", first);
            set.Parameters.Add(new NpgsqlParameter { Value = tenant.Id.ToString() });
            await set.ExecuteNonQueryAsync();
            await using var visible = new NpgsqlCommand("SELECT count(*) FROM identity.users", first);
            Assert.Equal(1L, await visible.ExecuteScalarAsync());
        }

        await using var second = await dataSource.OpenConnectionAsync();
        Assert.Equal(firstPid, second.ProcessID); // the same physical connection
        await using var setting = new NpgsqlCommand("SELECT coalesce(current_setting('app.tenant_id', true), '')", second);
        Assert.Equal(string.Empty, await setting.ExecuteScalarAsync());
        await using var hidden = new NpgsqlCommand("SELECT count(*) FROM identity.users", second);
        Assert.Equal(0L, await hidden.ExecuteScalarAsync());
    }
}
