using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.Modules.Contacts.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Contacts.Data;

/// <summary>
/// The ids that <c>contacts.match_contact_ids</c> / <c>match_company_ids</c> return: live rows of the session's
/// tenant whose search text is LIKE the pattern and whose tags contain all the given ones. Composable: used as
/// <c>WHERE id IN (SELECT ...)</c> inside the caller's tenant-filtered, RLS-protected query.
/// </summary>
internal static class SearchFunctions
{
    public static IQueryable<Guid> Match(ContactsDbContext db, string function, string? pattern, IReadOnlyList<string> tags)
    {
        var name = Checked(function);
#pragma warning disable EF1002 // the function name is one of two constants checked above; values are parameters
        return db.Database.SqlQueryRaw<Guid>($"SELECT m.id AS \"Value\" FROM contacts.{name}({{0}}, {{1}}) AS m", Text(pattern), TextArray(tags));
#pragma warning restore EF1002
    }

    /// <summary>
    /// The list's <c>q</c> (and any tags) on contacts or companies, bounded (<see cref="BoundedSearch"/>): a dense term
    /// as a filter of the page's index scan, a rare one as the match function's ids.
    /// </summary>
    public static Task<IQueryable<T>> WhereMatchesAsync<T>(
        ContactsDbContext db, IQueryable<T> query, string function, string pattern, IReadOnlyList<string> tags, CancellationToken cancellationToken)
        where T : class, ISearchableRecord =>
        BoundedSearch.WhereMatchesAsync(
            query,
            db.Set<T>().AsNoTracking().OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
            q => tags.Count == 0
                ? q.Where(r => MatchesText(r.SearchText, pattern))
                : q.Where(r => MatchesText(r.SearchText, pattern) && tags.All(t => r.Tags.Contains(t))),
            (maxRows, token) => FirstMatchesAsync(db, function, pattern, tags, maxRows, token),
            ids => r => ids.Contains(r.Id),
            cancellationToken);

    /// <summary>At most <paramref name="maxRows"/> matching ids (in no particular order), through the trigram/tag indexes.</summary>
    public static Task<List<Guid>> FirstMatchesAsync(
        ContactsDbContext db, string function, string? pattern, IReadOnlyList<string> tags, int maxRows, CancellationToken cancellationToken)
    {
        var name = Checked(function);
        var limit = new Npgsql.NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer, Value = maxRows };
#pragma warning disable EF1002 // the function name is one of two constants checked above; values are parameters
        return db.Database.SqlQueryRaw<Guid>($"SELECT m.id AS \"Value\" FROM contacts.{name}({{0}}, {{1}}, {{2}}) AS m", Text(pattern), TextArray(tags), limit)
            .ToListAsync(cancellationToken);
#pragma warning restore EF1002
    }

    /// <summary>
    /// <c>contacts.search_text_matches</c>: LIKE with the \ escape, inlined by the planner as COALESCE(... LIKE ...,
    /// false), the search as a filter of a sort-order index scan. Under row-level security the planner has no column
    /// statistics for LIKE and would guess a long term rare, sorting every match; the COALESCE gets a one-in-two guess,
    /// right for the dense searches this path serves.
    /// </summary>
    public static bool MatchesText(string searchText, string pattern) => throw new NotSupportedException("Translated to SQL only.");

    private static string Checked(string function) => function switch
    {
        "match_contact_ids" or "match_company_ids" => function,
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown search function."),
    };

    private static Npgsql.NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static Npgsql.NpgsqlParameter TextArray(IReadOnlyList<string> value) =>
        new() { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, Value = value.Count == 0 ? DBNull.Value : value.ToArray() };
}
