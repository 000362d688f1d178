using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.BuildingBlocks.Paging;

/// <summary>
/// A text search on a list page without sorting every match. Search goes through a SECURITY DEFINER match function
/// (its GIN indexes are unusable under row-level security), and sorting every match of a common term (thousands of
/// rows) for each page is what makes such a search slow. So a search whose matches are dense among the newest rows
/// becomes a plain filter on the page's sort-order index scan, which stops at the page's end; otherwise the function
/// gives at most <see cref="FewMatches"/> ids, read by id and sorted, and with more than that the filter is used
/// after all. Every path gives the same rows in the same order.
/// </summary>
public static class BoundedSearch
{
    /// <summary>
    /// Up to this many matches are read by id and sorted (cheap); beyond it the matches are dense enough that
    /// scanning the sort-order index with the search as a filter reaches a page's worth quickly.
    /// </summary>
    public const int FewMatches = 1000;

    /// <summary>How many of the newest rows the density probe tests.</summary>
    public const int DensitySample = 1000;

    /// <summary>Matches among the sample that make a search dense (1 in 100: a page of 50 within about 5,000 rows).</summary>
    public const int DenseMatches = 10;

    /// <param name="query">The page's query (tenant, scope and other filters applied).</param>
    /// <param name="newest">The tenant's rows, newest first: the sample of the density probe (an index range, ~1 ms).</param>
    /// <param name="filter">The search as plain conditions on a query.</param>
    /// <param name="firstMatches">At most that many matching ids, from the match function.</param>
    /// <param name="withIds">The rows whose id is in the list.</param>
    /// <param name="cancellationToken">Cancels the probe and the match query.</param>
    public static async Task<IQueryable<T>> WhereMatchesAsync<T>(
        IQueryable<T> query,
        IQueryable<T> newest,
        Func<IQueryable<T>, IQueryable<T>> filter,
        Func<int, CancellationToken, Task<List<Guid>>> firstMatches,
        Func<List<Guid>, Expression<Func<T, bool>>> withIds,
        CancellationToken cancellationToken)
    {
        var dense = await filter(newest.Take(DensitySample)).CountAsync(cancellationToken) >= DenseMatches;
        var first = dense ? null : await firstMatches(FewMatches + 1, cancellationToken);
        return first is not null && first.Count <= FewMatches ? query.Where(withIds(first)) : filter(query);
    }
}
