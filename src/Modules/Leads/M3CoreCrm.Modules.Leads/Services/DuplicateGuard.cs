using System.Text;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Leads.Data;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Leads.Services;

/// <summary>
/// Duplicate detection on email and phone within a tenant (deleted leads do not count). The check and the insert run
/// in one transaction that first takes transaction-scoped advisory locks on the values' buckets (128 per tenant, taken
/// in order so writers cannot deadlock): two concurrent creates with the same email cannot both pass the check.
/// </summary>
internal sealed class DuplicateGuard(LeadsDbContext db, DbSession session, ITenantContext tenant)
{
    private const int Buckets = 128;

    /// <summary>Locks the buckets of these emails and phones until the transaction ends. Call inside a transaction.</summary>
    public async Task LockAsync(IEnumerable<string?> normalizedEmails, IEnumerable<string?> phones, CancellationToken cancellationToken)
    {
        if (session.Transaction is null)
        {
            throw new InvalidOperationException("Duplicate locks are transaction-scoped; open a transaction first.");
        }

        var tenantId = tenant.RequiredTenantId;
        var keys = normalizedEmails.Select(e => e is null ? null : "e:" + e)
            .Concat(phones.Select(p => p is null ? null : "p:" + p))
            .OfType<string>()
            .Select(value => LockKey(tenantId, Bucket(value)))
            .Distinct()
            .Order()
            .ToArray();
        if (keys.Length == 0)
        {
            return;
        }

        await using var command = await DbCommands.CreateAsync(session,
            "SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT unnest($1::bigint[]) AS k ORDER BY 1) AS keys", cancellationToken, keys);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>The existing (not deleted) leads with any of these emails or phones, other than <paramref name="exceptId"/>.</summary>
    public async Task<IReadOnlyList<(Guid Id, string? NormalizedEmail, string? Phone)>> FindAsync(
        IReadOnlyCollection<string> normalizedEmails, IReadOnlyCollection<string> phones, Guid? exceptId, CancellationToken cancellationToken)
    {
        if (normalizedEmails.Count == 0 && phones.Count == 0)
        {
            return [];
        }

        var emails = normalizedEmails.ToList();
        var phoneList = phones.ToList();
        var rows = await db.Leads.AsNoTracking()
            .Where(l => l.Id != exceptId && ((l.NormalizedEmail != null && emails.Contains(l.NormalizedEmail)) || (l.Phone != null && phoneList.Contains(l.Phone))))
            .OrderBy(l => l.CreatedAt)
            .Select(l => new { l.Id, l.NormalizedEmail, l.Phone })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.NormalizedEmail, r.Phone)).ToList();
    }

    /// <summary>409 <c>lead.duplicate</c> with the existing lead's id when the email or phone is taken.</summary>
    public async Task EnsureUniqueAsync(string? normalizedEmail, string? phone, Guid? exceptId, CancellationToken cancellationToken)
    {
        var found = await FindAsync(normalizedEmail is null ? [] : [normalizedEmail], phone is null ? [] : [phone], exceptId, cancellationToken);
        if (found.Count == 0)
        {
            return;
        }

        var existing = found[0];
        var field = normalizedEmail is not null && existing.NormalizedEmail == normalizedEmail ? "email" : "phone";
        throw Problems.Duplicate("lead", existing.Id,
            $"A lead with this {field} already exists ({existing.Id}); pass ?allowDuplicate=true to create it anyway.");
    }

    /// <summary>FNV-1a: stable across processes (string.GetHashCode is randomized per process).</summary>
    private static int Bucket(string value)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % Buckets);
    }

    private static long LockKey(Guid tenantId, int bucket)
    {
        var hash = 14695981039346656037ul;
        foreach (var b in Encoding.UTF8.GetBytes($"leads-dedup:{tenantId}:{bucket}"))
        {
            hash = (hash ^ b) * 1099511628211ul;
        }

        return unchecked((long)hash);
    }
}
