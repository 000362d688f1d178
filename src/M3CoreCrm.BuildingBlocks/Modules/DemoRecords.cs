namespace M3CoreCrm.BuildingBlocks.Modules;

/// <summary>Ids of demo records by kind ("lead", "contact", "company", "deal", "unit"...), in creation order.</summary>
public sealed class DemoRecords
{
    private readonly Dictionary<string, List<Guid>> byKind = new(StringComparer.Ordinal);

    public void Add(string kind, IEnumerable<Guid> ids)
    {
        if (!byKind.TryGetValue(kind, out var list))
        {
            byKind[kind] = list = [];
        }

        list.AddRange(ids);
    }

    /// <summary>The ids of <paramref name="kind"/> added so far; empty when none.</summary>
    public IReadOnlyList<Guid> Of(string kind) => byKind.TryGetValue(kind, out var list) ? list : [];
}
