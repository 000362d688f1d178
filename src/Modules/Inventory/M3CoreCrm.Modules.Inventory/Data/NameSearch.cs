using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.Modules.Inventory.Domain;
using M3CoreCrm.Modules.Inventory.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Inventory.Data;

/// <summary>
/// The <c>q</c> of a list of named records (projects, buildings): a case-insensitive contains search on the name, its
/// wildcards taken literally. A term longer than <see cref="MaxLength"/> or with control characters is a 400 on
/// <c>q</c>, like the other lists' searches.
/// </summary>
internal static class NameSearch
{
    internal const int MaxLength = 200;

    internal static IQueryable<T> WhereNameContains<T>(this IQueryable<T> query, string? q)
        where T : class, INamedRecord
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return query;
        }

        if (q.Length > MaxLength || !InventoryRules.NoControl(q))
        {
            throw InventoryRules.Field("q", $"q is at most {MaxLength} characters, without control characters.");
        }

        var pattern = LikePattern.Contains(q);
        return query.Where(r => EF.Functions.ILike(r.Name, pattern, LikePattern.Escape));
    }
}
