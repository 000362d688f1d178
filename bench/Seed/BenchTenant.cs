using Npgsql;

namespace M3CoreCrm.Bench.Seed;

/// <summary>A tenant made by <c>tenant create</c> for the benchmark, with its first user (the owner of seeded records).</summary>
internal sealed record BenchTenant(Guid Id, string Slug, Guid Owner)
{
    public static async Task<List<BenchTenant>> ListAsync(NpgsqlDataSource dataSource)
    {
        var tenants = new List<BenchTenant>();
        await using var command = dataSource.CreateCommand(
            "SELECT t.id, t.slug, min(u.id::text)::uuid FROM tenancy.tenants t JOIN identity.users u ON u.tenant_id = t.id " +
            "WHERE t.slug LIKE 'bench-%' GROUP BY t.id, t.slug ORDER BY t.slug");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tenants.Add(new BenchTenant(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2)));
        }

        return tenants;
    }
}
