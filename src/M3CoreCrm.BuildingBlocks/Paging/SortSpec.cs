using System.Linq.Expressions;
using M3CoreCrm.BuildingBlocks.Http;

namespace M3CoreCrm.BuildingBlocks.Paging;

/// <summary>A sortable field of <typeparamref name="T"/>: its API name and the (non-null) property it sorts by.</summary>
public sealed record SortField<T>(string Name, LambdaExpression Key)
{
    private Delegate? _compiled;

    /// <summary>The key's value of a loaded row (for the next cursor).</summary>
    internal object? Read(T row) => (_compiled ??= Key.Compile()).DynamicInvoke(row);

    public static SortField<T> For<TKey>(string name, Expression<Func<T, TKey>> key) => new(name, key);
}

/// <summary>The fields a list may sort by; parses <c>?sort=</c> and always ends with the id as tie-breaker.</summary>
public sealed class SortCatalog<T>(SortField<T> id, string defaultSort, params SortField<T>[] fields)
{
    /// <summary>Parses "-createdAt,name" into ordered fields; unknown or repeated fields give 400.</summary>
    public SortSpec<T> Parse(string? sort)
    {
        var text = string.IsNullOrWhiteSpace(sort) ? defaultSort : sort.Trim();
        var keys = new List<(SortField<T> Field, bool Descending)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            // One optional sign: "--name" or "+-name" is not a field name.
            var descending = part.StartsWith('-');
            var name = descending || part.StartsWith('+') ? part[1..] : part;
            var field = fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw Problems.BadRequest("paging.invalid_sort", $"Cannot sort by '{name}'. Allowed: {string.Join(", ", fields.Select(f => f.Name))}.");
            if (keys.Any(k => k.Field == field))
            {
                throw Problems.BadRequest("paging.invalid_sort", $"'{name}' appears twice in sort.");
            }

            keys.Add((field, descending));
        }

        keys.Add((id, keys[0].Descending));
        var canonical = string.Join(',', keys.Take(keys.Count - 1).Select(k => (k.Descending ? "-" : string.Empty) + k.Field.Name));
        return new SortSpec<T>(canonical, keys);
    }
}

/// <summary>A parsed sort: the canonical text (stored in cursors) and the key list ending with the id.</summary>
public sealed record SortSpec<T>(string Text, IReadOnlyList<(SortField<T> Field, bool Descending)> Keys);
