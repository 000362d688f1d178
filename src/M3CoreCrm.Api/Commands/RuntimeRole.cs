using Npgsql;

namespace M3CoreCrm.Api.Commands;

/// <summary>Creates or updates the API's runtime role and grants it data access to the module schemas only.</summary>
internal static class RuntimeRole
{
    internal static async Task EnsureAsync(NpgsqlConnection owner, NpgsqlConnectionStringBuilder runtime, IReadOnlyList<string> schemas, CancellationToken ct)
    {
        var role = Identifier(runtime.Username ?? throw new InvalidOperationException("ConnectionStrings:Crm names no user."));
        var password = Literal(runtime.Password ?? string.Empty);
        var database = Identifier(owner.Database);

        var statements = new List<string>
        {
            $"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {Literal(runtime.Username)}) THEN
                    CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
                END IF;
            END $$;
            """,
            $"ALTER ROLE {role} WITH LOGIN PASSWORD {password}",
            $"GRANT CONNECT ON DATABASE {database} TO {role}",
        };
        foreach (var schema in schemas.Select(Identifier))
        {
            statements.Add($"GRANT USAGE ON SCHEMA {schema} TO {role}");
            statements.Add($"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}");
            statements.Add($"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}");
            statements.Add($"REVOKE ALL ON {schema}.\"__EFMigrationsHistory\" FROM {role}");
        }

        // The audit log is append-only for the API.
        statements.Add($"REVOKE UPDATE, DELETE ON shared.audit_entries FROM {role}");

        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, owner);
            await command.ExecuteNonQueryAsync(ct);
        }

        await VerifyAsync(owner, runtime.Username, ct);
    }

    /// <summary>Refuses to go on when the runtime role could bypass row-level security.</summary>
    private static async Task VerifyAsync(NpgsqlConnection owner, string role, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT r.rolsuper OR r.rolbypassrls
                OR EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = r.oid)
                OR EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspowner = r.oid)
            FROM pg_roles r WHERE r.rolname = $1
            """, owner);
        command.Parameters.Add(new NpgsqlParameter { Value = role });
        if (await command.ExecuteScalarAsync(ct) is true)
        {
            throw new InvalidOperationException($"The runtime role {role} is a superuser, bypasses RLS or owns objects; use a dedicated role.");
        }
    }

    private static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
