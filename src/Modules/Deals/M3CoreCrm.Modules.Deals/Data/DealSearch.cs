using M3CoreCrm.Modules.Deals.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace M3CoreCrm.Modules.Deals.Data;

/// <summary>
/// The <c>q</c> search of deals by title. <c>deals.match_deal_ids</c> returns at most max_rows live deals of the
/// session's tenant (app.tenant_id, read by the function itself) whose title is ILIKE the pattern; it runs as the owner
/// (SECURITY DEFINER) so that the trigram index can serve ILIKE, which row-level security would otherwise keep out of
/// index conditions (it is not LEAKPROOF). The caller bounds the search with <see cref="BuildingBlocks.Paging.BoundedSearch"/>.
/// </summary>
internal static class DealSearch
{
    internal const string Function = "deals.match_deal_ids";

    /// <summary>At most <paramref name="maxRows"/> matching ids (in no particular order), through the trigram index.</summary>
    public static Task<List<Guid>> FirstMatchesAsync(DealsDbContext db, string pattern, int maxRows, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<Guid>(
            $"SELECT m.id AS \"Value\" FROM {Function}({{0}}, {{1}}) AS m",
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = pattern },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = maxRows })
            .ToListAsync(cancellationToken);

    /// <summary>The deals of <paramref name="query"/> whose title matches, as a plain filter (a search with many matches).</summary>
    public static IQueryable<Deal> FilterMatches(IQueryable<Deal> query, string pattern) =>
        query.Where(d => TitleMatches(d.Title, pattern));

    /// <summary>The tenant's live deals, newest first: the sample of the bounded search's density probe.</summary>
    public static IQueryable<Deal> Newest(DealsDbContext db) =>
        db.Deals.AsNoTracking().OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id);

    /// <summary>
    /// <c>deals.title_matches</c>: ILIKE with the \ escape, inlined by the planner as COALESCE(... ILIKE ..., false),
    /// which it estimates at one row in two instead of guessing a long term to be rare (see the leads' search).
    /// </summary>
    public static bool TitleMatches(string title, string pattern) => throw new NotSupportedException("Translated to SQL only.");
}
