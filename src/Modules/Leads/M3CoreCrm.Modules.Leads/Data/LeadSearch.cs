using M3CoreCrm.Modules.Leads.Domain;
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
            PatternParameter(pattern),
            TagsParameter(tags));

    /// <summary>At most <paramref name="maxRows"/> matching ids (in no particular order), through the trigram/tag indexes.</summary>
    public static Task<List<Guid>> FirstMatchesAsync(
        LeadsDbContext db, string? pattern, IReadOnlyList<string> tags, int maxRows, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<Guid>(
            $"SELECT m.id AS \"Value\" FROM {Function}({{0}}, {{1}}, {{2}}) AS m",
            PatternParameter(pattern),
            TagsParameter(tags),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = maxRows })
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The leads of <paramref name="query"/> that match, for a search with many matches: the same conditions as the
    /// function's, as plain filters, so the page's sort-order index is scanned and the scan stops at the page's end.
    /// </summary>
    public static IQueryable<Lead> FilterMatches(IQueryable<Lead> query, string pattern, IReadOnlyList<string> tags)
    {
        query = query.Where(l => MatchesText(l.SearchText, pattern));
        return tags.Count == 0 ? query : query.Where(l => tags.All(t => l.Tags.Contains(t)));
    }

    /// <summary>The tenant's live leads, newest first: the sample of the bounded search's density probe.</summary>
    public static IQueryable<Lead> Newest(LeadsDbContext db) =>
        db.Leads.AsNoTracking().OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id);

    /// <summary>
    /// <c>leads.search_text_matches</c>: ILIKE with the \ escape, inlined by the planner as COALESCE(... ILIKE ...,
    /// false). Under row-level security the planner cannot use column statistics for ILIKE and guesses a long term
    /// to be rare, so it would sort every match instead of scanning in order (1.1 s instead of 0.2 ms on 1M leads
    /// for "example.test"); the COALESCE gets its one-in-two guess, right for the dense searches this path serves.
    /// </summary>
    public static bool MatchesText(string text, string pattern) => throw new NotSupportedException("Translated to SQL only.");

    private static NpgsqlParameter PatternParameter(string? pattern) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)pattern ?? DBNull.Value };

    private static NpgsqlParameter TagsParameter(IReadOnlyList<string> tags) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = tags.Count == 0 ? DBNull.Value : tags.ToArray() };
}
