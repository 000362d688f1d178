using M3CoreCrm.IntegrationTests.Infrastructure;
using Npgsql;

namespace M3CoreCrm.IntegrationTests.Foundation;

/// <summary>The database half of tenant isolation, checked on the migrated catalog so every future module is covered.</summary>
[Collection("api")]
public sealed class DatabaseSecurityTests(ApiFixture fixture)
{
    [Fact]
    public async Task Every_table_with_tenant_id_has_forced_row_level_security_and_a_policy()
    {
        await using var connection = await fixture.OpenSuperuserAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT n.nspname || '.' || c.relname, c.relrowsecurity, c.relforcerowsecurity,
                   EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
            WHERE c.relkind IN ('r', 'p')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
            ORDER BY 1
            """, connection);
        var tables = new List<(string Name, bool Enabled, bool Forced, bool HasPolicy)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3)));
            }
        }

        Assert.Contains(tables, t => t.Name == "shared.audit_entries");
        Assert.All(tables, t =>
        {
            Assert.True(t.Enabled, $"{t.Name} does not ENABLE ROW LEVEL SECURITY.");
            Assert.True(t.Forced, $"{t.Name} does not FORCE ROW LEVEL SECURITY.");
            Assert.True(t.HasPolicy, $"{t.Name} has no policy.");
        });
    }

    [Fact]
    public async Task Runtime_role_is_no_superuser_does_not_bypass_RLS_and_owns_nothing()
    {
        await using var connection = await fixture.OpenSuperuserAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
                   (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid),
                   (SELECT count(*) FROM pg_namespace n WHERE n.nspowner = r.oid)
            FROM pg_roles r WHERE r.rolname = $1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = TestDatabase.RuntimeRole });
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync(), "The migrator did not create the runtime role.");
        Assert.False(reader.GetBoolean(0), "The runtime role is a superuser.");
        Assert.False(reader.GetBoolean(1), "The runtime role bypasses row-level security.");
        Assert.False(reader.GetBoolean(2), "The runtime role can create roles.");
        Assert.False(reader.GetBoolean(3), "The runtime role can create databases.");
        Assert.Equal(0, reader.GetInt64(4));
        Assert.Equal(0, reader.GetInt64(5));
    }

    [Fact]
    public async Task Runtime_role_sees_no_tenant_row_without_a_tenant_set()
    {
        var tenant = Guid.CreateVersion7();
        await using (var owner = await fixture.OpenSuperuserAsync())
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO shared.audit_entries (id, tenant_id, occurred_at, actor_kind, entity_type, action)
            VALUES ($1, $2, now(), 'system', 'test', 'probe')
            """, owner))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
            insert.Parameters.Add(new NpgsqlParameter { Value = tenant });
            await insert.ExecuteNonQueryAsync();
        }

        await using var runtime = await fixture.OpenRuntimeAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM shared.audit_entries WHERE tenant_id = $1", runtime);
        count.Parameters.Add(new NpgsqlParameter { Value = tenant });

        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }
}
