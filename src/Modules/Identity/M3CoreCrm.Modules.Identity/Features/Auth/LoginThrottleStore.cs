using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.Modules.Identity.Domain;

namespace M3CoreCrm.Modules.Identity.Features.Auth;

/// <summary>
/// Counts failed logins per (tenant, email) in one atomic statement: an INSERT ... ON CONFLICT DO UPDATE that
/// increments the row under its lock, so concurrent failures are each counted (a read-modify-write would lose all but
/// one of them). The arithmetic is <see cref="LoginThrottle.RecordFailure"/>'s, in SQL. The same round trip deletes
/// up to <see cref="PurgedPerFailure"/> of the tenant's rows whose window and lock are over (mostly emails that name
/// nobody, which a successful login never clears), oldest first, skipping rows another request holds: each failure
/// removes more stale rows than it can add, so the table stays bounded without a job crossing tenants.
/// </summary>
internal sealed class LoginThrottleStore(UnitOfWork unitOfWork)
{
    internal const int PurgedPerFailure = 2;

    private const string Purge =
        """
        DELETE FROM identity.login_throttles WHERE ctid = ANY (ARRAY(
            SELECT ctid FROM identity.login_throttles
            WHERE tenant_id = $1 AND last_failure_at < $2 AND (locked_until IS NULL OR locked_until < $3)
            ORDER BY last_failure_at LIMIT $4 FOR UPDATE SKIP LOCKED))
        """;

    private const string Upsert =
        """
        INSERT INTO identity.login_throttles AS t (tenant_id, normalized_email, failures, last_failure_at, locked_until)
        VALUES ($1, $2, 1, $3, NULL)
        ON CONFLICT (tenant_id, normalized_email) DO UPDATE SET
            failures = CASE WHEN $3 - t.last_failure_at > $4 THEN 1 ELSE t.failures + 1 END,
            last_failure_at = $3,
            locked_until = CASE
                WHEN (CASE WHEN $3 - t.last_failure_at > $4 THEN 1 ELSE t.failures + 1 END) > $5
                THEN $3 + make_interval(secs => least(power(2, (CASE WHEN $3 - t.last_failure_at > $4 THEN 1 ELSE t.failures + 1 END) - $5 - 1), $6))
                ELSE t.locked_until END
        RETURNING failures, locked_until
        """;

    /// <summary>Counts one failure; returns the count within the window and whether this failure locked the account.</summary>
    public async Task<(int Failures, DateTimeOffset? LockedUntil, bool Locked)> RecordFailureAsync(
        Guid tenantId, string normalizedEmail, DateTimeOffset now, CancellationToken ct)
    {
        var batch = new Npgsql.NpgsqlBatch
        {
            BatchCommands =
            {
                SqlStatement.Of(Upsert, tenantId, normalizedEmail, now, LoginThrottle.Window, LoginThrottle.FreeFailures, LoginThrottle.MaxLock.TotalSeconds),
                SqlStatement.Of(Purge, tenantId, now - LoginThrottle.Window, now, PurgedPerFailure),
            },
        };
        await using var reader = await unitOfWork.ExecuteBatchAsync(batch, ct);
        await reader.ReadAsync(ct);
        var failures = reader.GetInt32(0);
        DateTimeOffset? lockedUntil = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
        return (failures, lockedUntil, failures > LoginThrottle.FreeFailures);
    }
}
