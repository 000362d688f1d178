namespace M3CoreCrm.UnitTests.BuildingBlocks.Paging;

/// <summary>
/// The order a sort text must produce, written independently of Keyset: each key compared on its own terms
/// (ordinal text, as PostgreSQL's "C" order; Guid.CompareTo, which is uuid byte order), then the id in the first
/// key's direction.
/// </summary>
internal sealed class ReferenceOrder : IComparer<Listing>
{
    private readonly List<(Comparison<Listing> Compare, bool Descending)> _keys = [];

    internal ReferenceOrder(string sort)
    {
        foreach (var part in sort.Split(','))
        {
            var descending = part.StartsWith('-');
            _keys.Add((KeyOf(part.TrimStart('-')), descending));
        }

        _keys.Add(((a, b) => a.Id.CompareTo(b.Id), _keys[0].Descending));
    }

    public int Compare(Listing? x, Listing? y)
    {
        foreach (var (compare, descending) in _keys)
        {
            var result = compare(x!, y!);
            if (result != 0)
            {
                return descending ? -result : result;
            }
        }

        return 0;
    }

    internal List<Listing> Sort(IEnumerable<Listing> rows) => rows.Order(this).ToList();

    private static Comparison<Listing> KeyOf(string name) => name switch
    {
        "createdAt" => (a, b) => a.CreatedAt.CompareTo(b.CreatedAt),
        "name" => (a, b) => string.CompareOrdinal(a.Name, b.Name),
        "ownerId" => (a, b) => a.OwnerId.CompareTo(b.OwnerId),
        "status" => (a, b) => a.Status.CompareTo(b.Status),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such key in the reference order."),
    };
}
