using M3CoreCrm.IntegrationTests.Infrastructure;
using Npgsql;

namespace M3CoreCrm.IntegrationTests.Hardening.Fuzzing;

/// <summary>
/// Row count and an order-independent hash of every row, per table: of the given tenants' rows in tenant-owned
/// tables, and of whole global tables. Two equal fingerprints mean no row was added, removed or changed. The job
/// engine's node bookkeeping (heartbeats, leader leases, control messages) changes on its own and is left out; its
/// message tables (incoming, outgoing, dead letters) are kept, so a refused request that queued work still shows.
/// </summary>
internal static class DatabaseFingerprint
{
    internal static async Task<Dictionary<string, string>> TakeAsync(ApiFixture fixture, params Guid[] tenants)
    {
        await using var connection = await fixture.OpenSuperuserAsync();
        var tables = new List<(string Name, bool TenantOwned)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT format('%I.%I', t.table_schema, t.table_name),
                   EXISTS (SELECT 1 FROM information_schema.columns c
                           WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'tenant_id')
            FROM information_schema.tables t
            WHERE t.table_type = 'BASE TABLE' AND t.table_schema NOT IN ('pg_catalog', 'information_schema')
              AND NOT (t.table_name LIKE 'wolverine\_node%' OR t.table_name IN ('wolverine_control_queue', 'wolverine_agent_restrictions'))
            ORDER BY 1
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add((reader.GetString(0), reader.GetBoolean(1)));
            }
        }

        var fingerprint = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, tenantOwned) in tables)
        {
            var filter = tenantOwned ? " WHERE tenant_id = ANY($1)" : string.Empty;
            await using var command = new NpgsqlCommand($"SELECT count(*)::text || ':' || coalesce(sum(hashtextextended(r::text, 0)), 0)::text FROM {name} r{filter}", connection);
            if (tenantOwned)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = tenants });
            }

            fingerprint[name] = (string)(await command.ExecuteScalarAsync())!;
        }

        return fingerprint;
    }

    /// <summary>The tables whose fingerprint differs, with before → after.</summary>
    internal static List<string> Differences(Dictionary<string, string> before, Dictionary<string, string> after, IReadOnlySet<string> exempt) =>
        before.Keys.Union(after.Keys)
            .Where(table => !exempt.Contains(table) && before.GetValueOrDefault(table) != after.GetValueOrDefault(table))
            .Select(table => $"{table}: {before.GetValueOrDefault(table)} -> {after.GetValueOrDefault(table)}")
            .ToList();
}
