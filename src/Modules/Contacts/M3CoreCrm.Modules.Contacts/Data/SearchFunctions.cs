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
        var name = function switch
        {
            "match_contact_ids" or "match_company_ids" => function,
            _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown search function."),
        };
        var required = tags.Count == 0 ? null : tags.ToArray();
#pragma warning disable EF1002 // the function name is one of two constants checked above; values are parameters
        return db.Database.SqlQueryRaw<Guid>($"SELECT m.id AS \"Value\" FROM contacts.{name}({{0}}, {{1}}) AS m", Text(pattern), TextArray(required));
#pragma warning restore EF1002
    }

    private static Npgsql.NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static Npgsql.NpgsqlParameter TextArray(string[]? value) =>
        new() { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };
}
