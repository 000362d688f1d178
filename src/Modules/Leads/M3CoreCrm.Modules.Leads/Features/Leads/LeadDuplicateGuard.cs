using System.Text;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;
using Npgsql;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>
/// Duplicate detection on email and phone within a tenant (deleted leads do not count). The check and the insert run
/// in one transaction that first takes transaction-scoped advisory locks, so two concurrent creates with the same
/// email cannot both pass the check. A write with a few values (a create, an edit) locks each value exclusively under
/// shared locks on the values' buckets (128 per tenant); one with many (an import's rows) locks its buckets
/// exclusively, which keeps its lock count bounded. Writers of different values therefore never wait for each other
/// unless one of them is an import; every writer takes its bucket locks in key order, and value locks after them, so
/// none can deadlock. A request that writes many records (a batch) chooses bucket locks for all of them up front
/// with <see cref="LockWholeBuckets"/>: its records may share one transaction, whose lock count must stay bounded,
/// and a shared bucket lock taken for an early record must never be upgraded for a later one.
/// </summary>
internal sealed class LeadDuplicateGuard(UnitOfWork unitOfWork, ITenantContext tenant, AccessScope access)
{
    private const int Buckets = 128;

    private bool _wholeBuckets;

    /// <summary>Up to this many values lock one key each; beyond it (imports) the buckets are locked exclusively.</summary>
    internal const int ValueLocksUpTo = 8;

    private const string LockShared = "SELECT count(pg_advisory_xact_lock_shared(k)) FROM (SELECT unnest($1::bigint[]) AS k ORDER BY 1) AS keys";
    private const string LockExclusive = "SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT unnest($1::bigint[]) AS k ORDER BY 1) AS keys";

    /// <summary>
    /// From now on, for the rest of the request, every check locks its buckets exclusively and takes no value locks:
    /// at most 128 locks per tenant however many records share a transaction.
    /// </summary>
    public void LockWholeBuckets() => _wholeBuckets = true;

    /// <summary>
    /// Locks, exclusively and in one statement, the buckets of every value a request will write before it writes any
    /// (a batch in one transaction): every holder then takes its buckets in the same (key) order, so concurrent batches
    /// wait for each other instead of deadlocking, and their checks afterwards find their buckets already held. Call
    /// inside a transaction, after <see cref="LockWholeBuckets"/>.
    /// </summary>
    public async Task LockBucketsUpFrontAsync(IEnumerable<string> normalizedEmails, IEnumerable<string> phones, CancellationToken cancellationToken)
    {
        if (unitOfWork.Transaction is null)
        {
            throw new InvalidOperationException("Duplicate locks are transaction-scoped; open a transaction first.");
        }

        var tenantId = tenant.RequiredTenantId;
        var values = normalizedEmails.Select(e => "e:" + e).Concat(phones.Select(p => "p:" + p));
        var buckets = values.Select(value => BucketLockKey(tenantId, value)).Distinct().Order().ToArray();
        if (buckets.Length == 0)
        {
            return;
        }

        var batch = new NpgsqlBatch { BatchCommands = { SqlStatement.Of(LockExclusive, buckets) } };
        await using var reader = await unitOfWork.ExecuteBatchAsync(batch, cancellationToken);
    }

    /// <summary>
    /// Locks the buckets of these emails and phones until the transaction ends, then returns the existing (not
    /// deleted) leads with any of them other than <paramref name="exceptId"/>, oldest first. One round trip: the
    /// lock and the lookups are statements of one batch, and each statement of a READ COMMITTED transaction reads a
    /// snapshot taken when it starts, so the lookups see every write committed by a holder of the lock before it.
    /// Call inside a transaction. <paramref name="alongside"/>, when given, runs last in the same batch (after the
    /// locks).
    /// </summary>
    public async Task<IReadOnlyList<(Guid Id, string? NormalizedEmail, string? Phone, Guid? OwnerId)>> LockAndFindAsync(
        IReadOnlyCollection<string?> normalizedEmails, IReadOnlyCollection<string?> phones, Guid? exceptId, CancellationToken cancellationToken,
        IBatchedQuery? alongside = null)
    {
        if (unitOfWork.Transaction is null)
        {
            throw new InvalidOperationException("Duplicate locks are transaction-scoped; open a transaction first.");
        }

        var emails = normalizedEmails.OfType<string>().Distinct().ToArray();
        var phoneList = phones.OfType<string>().Distinct().ToArray();
        if (emails.Length == 0 && phoneList.Length == 0)
        {
            if (alongside is not null)
            {
                await unitOfWork.ReadAsync(alongside, cancellationToken);
            }

            return [];
        }

        var tenantId = tenant.RequiredTenantId;
        var values = emails.Select(e => "e:" + e).Concat(phoneList.Select(p => "p:" + p)).ToArray();
        var buckets = values.Select(value => BucketLockKey(tenantId, value)).Distinct().Order().ToArray();
        var batch = new NpgsqlBatch();
        if (!_wholeBuckets && values.Length <= ValueLocksUpTo)
        {
            var valueKeys = values.Select(value => LockKey($"leads-dedup-value:{tenantId}:{value}")).Distinct().Order().ToArray();
            batch.BatchCommands.Add(SqlStatement.Of(LockShared, buckets));
            batch.BatchCommands.Add(SqlStatement.Of(LockExclusive, valueKeys));
        }
        else
        {
            batch.BatchCommands.Add(SqlStatement.Of(LockExclusive, buckets));
        }

        var locks = batch.BatchCommands.Count;
        AddLookup(batch, "normalized_email", tenantId, emails);
        AddLookup(batch, "phone", tenantId, phoneList);
        var lookups = batch.BatchCommands.Count - locks;
        if (alongside is not null)
        {
            batch.BatchCommands.Add(alongside.Statement());
        }

        var found = new Dictionary<Guid, (Guid Id, string? NormalizedEmail, string? Phone, DateTimeOffset CreatedAt, Guid? OwnerId)>();
        await using var reader = await unitOfWork.ExecuteBatchAsync(batch, cancellationToken);
        for (var lockResult = 1; lockResult < locks; lockResult++)
        {
            await reader.NextResultAsync(cancellationToken);
        }

        for (var lookup = 0; lookup < lookups; lookup++)
        {
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetGuid(0);
                if (id != exceptId)
                {
                    found[id] = (id, reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                        reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetGuid(4));
                }
            }
        }

        if (alongside is not null)
        {
            await reader.NextResultAsync(cancellationToken);
            await alongside.ReadAsync(reader, cancellationToken);
        }

        return found.Values.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(r => (r.Id, r.NormalizedEmail, r.Phone, r.OwnerId)).ToList();
    }

    /// <summary>
    /// One indexed lookup per column. A single value is compared as a scalar: PostgreSQL then settles on one generic
    /// plan for the prepared statement, while <c>= ANY($2)</c> is planned again on every execution.
    /// </summary>
    private static void AddLookup(NpgsqlBatch batch, string column, Guid tenantId, string[] values)
    {
        if (values.Length == 0)
        {
            return;
        }

        var match = values.Length == 1 ? "= $2" : "= ANY($2)";
        batch.BatchCommands.Add(SqlStatement.Of(
            $"SELECT id, normalized_email, phone, created_at, owner_id FROM leads.leads WHERE tenant_id = $1 AND {column} {match} AND deleted_at IS NULL",
            tenantId, values.Length == 1 ? values[0] : values));
    }

    /// <summary>
    /// Locks the values (see <see cref="LockAndFindAsync"/>), then 409 <c>lead.duplicate</c> when the email or phone is
    /// taken, with the existing lead's id only when the caller may read that lead (else the id would reveal a record
    /// outside the caller's scope).
    /// </summary>
    public async Task LockAndEnsureUniqueAsync(
        string? normalizedEmail, string? phone, Guid? exceptId, CancellationToken cancellationToken, IBatchedQuery? alongside = null)
    {
        var found = await LockAndFindAsync([normalizedEmail], [phone], exceptId, cancellationToken, alongside);
        if (found.Count == 0)
        {
            return;
        }

        var existing = found[0];
        var field = normalizedEmail is not null && existing.NormalizedEmail == normalizedEmail ? "email" : "phone";
        var visible = await access.SeesAsync(LeadsPermissions.Read, existing.OwnerId, cancellationToken);
        throw Problems.Duplicate("lead", visible ? existing.Id : null,
            $"A lead with this {field} already exists{(visible ? $" ({existing.Id})" : "")}; pass ?allowDuplicate=true to create it anyway.");
    }

    /// <summary>FNV-1a: stable across processes (string.GetHashCode is randomized per process).</summary>
    internal static int Bucket(string value)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % Buckets);
    }

    /// <summary>The advisory lock key of the bucket of a value (<c>e:</c>email or <c>p:</c>phone) of a tenant.</summary>
    internal static long BucketLockKey(Guid tenantId, string value) => LockKey($"leads-dedup:{tenantId}:{Bucket(value)}");

    /// <summary>A 64-bit advisory lock key (FNV-1a) for a bucket or a value of a tenant.</summary>
    private static long LockKey(string name)
    {
        var hash = 14695981039346656037ul;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 1099511628211ul;
        }

        return unchecked((long)hash);
    }
}
