using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.BuildingBlocks.Paging;

/// <summary>
/// Keyset pagination over any IQueryable: ORDER BY the sort keys, and "after the cursor" as the expanded row
/// comparison (k1 &gt; v1) OR (k1 = v1 AND k2 &gt; v2) ... so an index on (tenant_id, keys..., id) serves every page.
/// </summary>
public static class Keyset
{
    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    /// <summary>Reads one page and the cursor of the next.</summary>
    public static async Task<Page<TOut>> PageAsync<T, TOut>(
        IQueryable<T> query,
        SortSpec<T> sort,
        PageQuery page,
        CursorCodec codec,
        Func<T, TOut> projection,
        CancellationToken cancellationToken)
    {
        var limit = page.EffectiveLimit;
        long? total = page.IncludeTotal == true ? await query.LongCountAsync(cancellationToken) : null;
        var after = page.Cursor is { Length: > 0 } cursor ? codec.Decode(cursor, sort.Text) : null;
        var rows = await TakeAtLeast(Order(After(query, sort, after), sort), limit + 1).ToListAsync(cancellationToken);

        var hasMore = rows.Count > limit;
        var pageRows = rows.Take(limit).ToList();
        var next = hasMore ? codec.Encode(sort.Text, KeyValues(pageRows[^1], sort)) : null;
        return new Page<TOut>(pageRows.Select(projection).ToList(), next, total);
    }

    /// <summary>
    /// The first rows of an ordered query, at least <paramref name="count"/> of them (callers trim): the count is
    /// rounded up to one of a few sizes written into the SQL as a constant. PostgreSQL then keeps one generic plan
    /// per prepared statement (a LIMIT parameter makes it assume a tenth of the table), and the few sizes keep the
    /// prepared statements few.
    /// </summary>
    public static IQueryable<T> TakeAtLeast<T>(IQueryable<T> query, int count) =>
        query.Provider.CreateQuery<T>(Expression.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(T)],
            query.Expression, Expression.Constant(FetchSize(count))));

    internal static int FetchSize(int count) => FetchSizes.FirstOrDefault(size => size >= count, count);

    private static readonly int[] FetchSizes = [11, 26, 51, 101, PageQuery.MaxLimit + 1];

    /// <summary>Orders by the sort keys (the id last).</summary>
    public static IQueryable<T> Order<T>(IQueryable<T> query, SortSpec<T> sort)
    {
        IOrderedQueryable<T>? ordered = null;
        foreach (var (field, descending) in sort.Keys)
        {
            var method = (ordered is null, descending) switch
            {
                (true, false) => nameof(Queryable.OrderBy),
                (true, true) => nameof(Queryable.OrderByDescending),
                (false, false) => nameof(Queryable.ThenBy),
                (false, true) => nameof(Queryable.ThenByDescending),
            };
            var call = Expression.Call(typeof(Queryable), method, [typeof(T), field.Key.ReturnType],
                (ordered ?? query).Expression, Expression.Quote(field.Key));
            ordered = (IOrderedQueryable<T>)query.Provider.CreateQuery<T>(call);
        }

        return ordered ?? query;
    }

    /// <summary>Rows strictly after the cursor's key values, in sort order.</summary>
    public static IQueryable<T> After<T>(IQueryable<T> query, SortSpec<T> sort, IReadOnlyList<JsonElement>? after)
    {
        if (after is null)
        {
            return query;
        }

        if (after.Count != sort.Keys.Count)
        {
            throw Problems.BadRequest("paging.invalid_cursor", "The cursor is not one this API issued.");
        }

        var parameter = Expression.Parameter(typeof(T), "e");
        Expression? any = null;
        Expression? equalSoFar = null;
        Expression? bound = null;
        for (var i = 0; i < sort.Keys.Count; i++)
        {
            var (field, descending) = sort.Keys[i];
            var key = new ParameterReplacer(field.Key.Parameters[0], parameter).Visit(field.Key.Body);
            var value = Parameter(ToValue(after[i], key.Type), key.Type);
            var beyond = Beyond(key, value, descending);
            var term = equalSoFar is null ? beyond : Expression.AndAlso(equalSoFar, beyond);
            any = any is null ? term : Expression.OrElse(any, term);
            var equal = Expression.Equal(key, value);
            equalSoFar = equalSoFar is null ? equal : Expression.AndAlso(equalSoFar, equal);
            bound ??= Beyond(key, value, descending, orEqual: true);
        }

        // The redundant "k1 >= v1" (or <=) is what PostgreSQL can use as an index bound: the scan starts at the cursor
        // instead of filtering every row before it (an OR of comparisons is only a filter).
        return query.Where(Expression.Lambda<Func<T, bool>>(Expression.AndAlso(bound!, any!), parameter));
    }

    /// <summary>
    /// A cursor value as a captured variable, which EF Core sends as a SQL parameter: one cached query and one plan
    /// for every page, where a constant would compile and cache a new query per cursor.
    /// </summary>
    private static MemberExpression Parameter(object? value, Type type)
    {
        var box = Activator.CreateInstance(typeof(StrongBox<>).MakeGenericType(type), value)!;
        return Expression.Field(Expression.Constant(box), nameof(StrongBox<object>.Value));
    }

    internal static IReadOnlyList<object?> KeyValues<T>(T row, SortSpec<T> sort) =>
        sort.Keys.Select(k => k.Field.Read(row)).ToList();

    /// <summary>
    /// key &gt; value (or &lt; when descending; &gt;= or &lt;= with <paramref name="orEqual"/>), in a form EF Core
    /// translates to a plain SQL comparison.
    /// </summary>
    private static BinaryExpression Beyond(Expression key, Expression value, bool descending, bool orEqual = false)
    {
        if (key.Type.IsEnum)
        {
            // Enums have no comparison operators: compare their numbers, which ORDER BY sorts by when the enum is
            // stored as a number (the default). An enum stored as text needs a string sort key instead.
            var underlying = Enum.GetUnderlyingType(key.Type);
            key = Expression.Convert(key, underlying);
            value = Expression.Convert(value, underlying);
        }

        var (left, right) = key.Type == typeof(string)
            ? (Expression.Call(StringCompare, key, value), (Expression)Expression.Constant(0))
            : key.Type == typeof(Guid)
                ? (Expression.Call(key, typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!, value), Expression.Constant(0))
                : (key, value);
        return (descending, orEqual) switch
        {
            (true, false) => Expression.LessThan(left, right),
            (true, true) => Expression.LessThanOrEqual(left, right),
            (false, false) => Expression.GreaterThan(left, right),
            (false, true) => Expression.GreaterThanOrEqual(left, right),
        };
    }

    private static object? ToValue(JsonElement element, Type type)
    {
        try
        {
            return element.Deserialize(type) ?? throw new JsonException();
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw Problems.BadRequest("paging.invalid_cursor", "The cursor is not one this API issued.");
        }
    }

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
