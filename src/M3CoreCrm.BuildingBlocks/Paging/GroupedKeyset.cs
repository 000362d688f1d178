using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.BuildingBlocks.Paging;

/// <summary>
/// The first keyset page of several groups of one query in a single round trip (a board's columns): one UNION ALL
/// branch per group, each the group's rows in sort order, limit + 1 of them, so every page and cursor equals what
/// <see cref="Keyset.PageAsync"/> gives for that group alone and every branch is one short index scan.
/// </summary>
public static class GroupedKeyset
{
    /// <summary>First pages by group key; groups without rows are absent.</summary>
    public static async Task<IReadOnlyDictionary<TKey, Page<TOut>>> FirstPagesAsync<T, TKey, TOut>(
        IQueryable<T> query,
        Expression<Func<T, TKey>> groupKey,
        IReadOnlyList<TKey> groups,
        SortSpec<T> sort,
        PageQuery page,
        CursorCodec codec,
        Func<T, TOut> projection,
        CancellationToken cancellationToken)
        where TKey : notnull
    {
        if (groups.Count == 0)
        {
            return new Dictionary<TKey, Page<TOut>>();
        }

        var limit = page.EffectiveLimit;
        var loaded = await FirstRows(query, groupKey, groups, sort, limit + 1).ToListAsync(cancellationToken);

        var keyOf = groupKey.Compile();
        return loaded.GroupBy(keyOf).ToDictionary(
            g => g.Key,
            g =>
            {
                var groupRows = g.ToList();
                var pageRows = groupRows.Take(limit).ToList();
                var next = groupRows.Count > limit ? codec.Encode(sort.Text, Keyset.KeyValues(pageRows[^1], sort)) : null;
                return new Page<TOut>(pageRows.Select(projection).ToList(), next, null);
            });
    }

    /// <summary>
    /// The first <paramref name="count"/> rows of every group, ordered by (group key, sort keys). The outer ORDER BY
    /// sorts at most groups x count rows and makes each group's order explicit rather than an accident of the union.
    /// </summary>
    public static IQueryable<T> FirstRows<T, TKey>(IQueryable<T> query, Expression<Func<T, TKey>> groupKey, IReadOnlyList<TKey> groups, SortSpec<T> sort, int count)
    {
        var union = groups
            .Select(key => Keyset.Order(query.Where(InGroup(groupKey, key)), sort).Take(count))
            .Aggregate((all, next) => all.Concat(next));
        return ThenOrder(union.OrderBy(groupKey), sort);
    }

    /// <summary>row => groupKey(row) == key, with the key as a query parameter (as a captured variable would be), so the SQL is the same for every key.</summary>
    private static Expression<Func<T, bool>> InGroup<T, TKey>(Expression<Func<T, TKey>> groupKey, TKey key)
    {
        var parameter = Expression.Property(Expression.Constant(new Captured<TKey>(key)), nameof(Captured<TKey>.Value));
        return Expression.Lambda<Func<T, bool>>(Expression.Equal(groupKey.Body, parameter), groupKey.Parameters);
    }

    private static IQueryable<T> ThenOrder<T>(IOrderedQueryable<T> ordered, SortSpec<T> sort)
    {
        foreach (var (field, descending) in sort.Keys)
        {
            var call = Expression.Call(typeof(Queryable), descending ? nameof(Queryable.ThenByDescending) : nameof(Queryable.ThenBy),
                [typeof(T), field.Key.ReturnType], ordered.Expression, Expression.Quote(field.Key));
            ordered = (IOrderedQueryable<T>)ordered.Provider.CreateQuery<T>(call);
        }

        return ordered;
    }

    private sealed class Captured<TKey>(TKey value)
    {
        public TKey Value { get; } = value;
    }
}
