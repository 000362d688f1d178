using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Npgsql;

namespace M3CoreCrm.IntegrationTests.Isolation;

/// <summary>
/// The tenant set on a pooled connection never reaches the next unit of work on that connection. The pool does not
/// reset connections (a quarter of PostgreSQL's CPU per read); every way a unit of work reaches the database sets
/// its own tenant, or none, before its first statement.
/// </summary>
[Collection("api")]
public sealed class PooledConnectionTests(ApiFixture fixture)
{
    private const string CountUsers = "SELECT count(*) FROM identity.users";

    public static TheoryData<string> Paths => ["open", "batch", "transaction batch"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_unit_of_work_without_a_tenant_sees_nothing_on_a_connection_that_carried_one(string path)
    {
        var tenant = await fixture.CreateAsync();
        var builder = new NpgsqlConnectionStringBuilder(fixture.Database.RuntimeConnectionString) { MaxPoolSize = 1, ApplicationName = "pool-tenant-test" };
        await using var database = new CrmDatabase(builder.ConnectionString, ownerConnectionString: null);

        var (ownerSees, firstPid) = await CountAsync(database, tenant.Id, path);
        var (anonymousSees, secondPid) = await CountAsync(database, null, path);

        Assert.Equal(secondPid, firstPid); // the same physical connection
        Assert.Equal(1L, ownerSees);
        Assert.Equal(0L, anonymousSees);
    }

    [Fact]
    public async Task A_unit_of_work_of_another_tenant_sees_only_its_own_rows_on_a_connection_that_carried_the_first()
    {
        var first = await fixture.CreateAsync();
        var second = await fixture.CreateAsync();
        var builder = new NpgsqlConnectionStringBuilder(fixture.Database.RuntimeConnectionString) { MaxPoolSize = 1, ApplicationName = "pool-tenant-test" };
        await using var database = new CrmDatabase(builder.ConnectionString, ownerConnectionString: null);

        await CountAsync(database, first.Id, "open");
        await using var unitOfWork = new UnitOfWork(database, Tenant(second.Id));
        var connection = await unitOfWork.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand("SELECT tenant_id FROM identity.users", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var seen = new List<Guid>();
        while (await reader.ReadAsync())
        {
            seen.Add(reader.GetGuid(0));
        }

        Assert.Equal([second.Id], seen);
    }

    private static async Task<(long Count, int Pid)> CountAsync(CrmDatabase database, Guid? tenantId, string path)
    {
        await using var unitOfWork = new UnitOfWork(database, Tenant(tenantId));
        switch (path)
        {
            case "open":
            {
                var connection = await unitOfWork.OpenAsync(CancellationToken.None);
                await using var command = new NpgsqlCommand(CountUsers, connection);
                return ((long)(await command.ExecuteScalarAsync())!, connection.ProcessID);
            }

            case "batch":
                return await BatchCountAsync(unitOfWork);

            default:
            {
                await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None, tenantWithFirstBatch: true);
                var result = await BatchCountAsync(unitOfWork);
                await transaction.CommitAsync();
                unitOfWork.EndTransaction();
                return result;
            }
        }
    }

    private static async Task<(long Count, int Pid)> BatchCountAsync(UnitOfWork unitOfWork)
    {
        await using var reader = await unitOfWork.ExecuteBatchAsync(new NpgsqlBatch { BatchCommands = { SqlStatement.Of(CountUsers) } }, CancellationToken.None);
        await reader.ReadAsync();
        return (reader.GetInt64(0), unitOfWork.Connection.ProcessID);
    }

    private static TenantContext Tenant(Guid? tenantId)
    {
        var context = new TenantContext();
        if (tenantId is { } id)
        {
            context.SetTenant(id);
        }

        return context;
    }
}
