using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace M3CoreCrm.Modules.Leads.Data;

/// <summary>
/// The ids that <c>leads.match_lead_ids</c> returns: live leads of the session's tenant (app.tenant_id, read by the
/// function itself) whose search text is ILIKE the pattern and whose tags contain all the given ones. The function
/// runs as the owner (SECURITY DEFINER) so that the trigram and tag GIN indexes can serve ILIKE and @>, which
/// row-level security would otherwise keep out of index conditions (they are not LEAKPROOF). Composed as
/// <c>id IN (SELECT ...)</c> inside the caller's tenant-filtered, RLS-protected query.
/// </summary>
internal static class LeadSearch
{
    internal const string Function = "leads.match_lead_ids";

    public static IQueryable<Guid> Match(LeadsDbContext db, string? pattern, IReadOnlyList<string> tags) =>
        db.Database.SqlQueryRaw<Guid>(
            $"SELECT m.id AS \"Value\" FROM {Function}({{0}}, {{1}}) AS m",
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)pattern ?? DBNull.Value },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = tags.Count == 0 ? DBNull.Value : tags.ToArray() });
}
