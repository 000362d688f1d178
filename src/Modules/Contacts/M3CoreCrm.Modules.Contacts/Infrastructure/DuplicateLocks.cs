using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;
using Npgsql;

namespace M3CoreCrm.Modules.Contacts.Infrastructure;

/// <summary>
/// Serializes concurrent writers of the same email or phone in a tenant (transaction-scoped advisory locks), so the
/// duplicate check and the insert that follows it are not raced by a second request with the same value.
/// </summary>
internal sealed class DuplicateLocks(UnitOfWork unitOfWork, ITenantContext tenant)
{
    /// <summary>Takes the locks of <paramref name="keys"/> (in a stable order) until the transaction ends.</summary>
    public async Task AcquireAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        if (unitOfWork.Transaction is null)
        {
            throw new InvalidOperationException("Duplicate locks need the unit of work's transaction.");
        }

        foreach (var key in keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", unitOfWork.Connection);
            command.Parameters.Add(new NpgsqlParameter { Value = $"contacts|{tenant.RequiredTenantId}|{key}" });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
