using Npgsql;

namespace M3CoreCrm.Api.Commands;

/// <summary>
/// Under row-level security PostgreSQL uses only LEAKPROOF operators as index conditions (a leaky one could see rows
/// the policy hides). ILIKE (texticlike) is not marked LEAKPROOF by default, so the contains searches (q=) could not
/// use their trigram indexes: every search would scan the tenant's rows. texticlike returns a boolean and raises
/// errors only for a malformed pattern (the caller's own input), never depending on a row's value, so marking it
/// LEAKPROOF reveals nothing. Only a superuser can: database provisioning does it (deploy/postgres-init.sql, run.sh,
/// the test database); migrate does it when it runs as a superuser, and otherwise warns when it is missing.
/// </summary>
internal static class LeakproofSearch
{
    internal const string Statement = "ALTER FUNCTION pg_catalog.texticlike(text, text) LEAKPROOF";

    internal static async Task EnsureAsync(NpgsqlConnection owner, ILogger logger, CancellationToken ct)
    {
        if (await ScalarAsync(owner, "SELECT proleakproof FROM pg_proc WHERE oid = 'pg_catalog.texticlike(text, text)'::regprocedure", ct) is true)
        {
            return;
        }

        if (await ScalarAsync(owner, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user", ct) is true)
        {
            await using var alter = new NpgsqlCommand(Statement, owner);
            await alter.ExecuteNonQueryAsync(ct);
            return;
        }

        logger.LogWarning(
            "ILIKE is not LEAKPROOF in this database: contains searches (q=) cannot use their trigram indexes under row-level security. As a superuser, run in this database: {Statement}",
            Statement);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(ct);
    }
}
