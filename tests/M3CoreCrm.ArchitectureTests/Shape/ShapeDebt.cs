namespace M3CoreCrm.ArchitectureTests.Shape;

/// <summary>
/// Files that still depart from the module shape, each with what is left to do. The list only shrinks: a file not
/// listed fails its rule at once, and a listed file that no longer offends fails the same rule as a stale entry, so
/// fixing one means deleting its line here.
/// </summary>
internal static class ShapeDebt
{
    internal static readonly IReadOnlyDictionary<string, string> EndpointsWithDbContext = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    internal static readonly IReadOnlyDictionary<string, string> LooseFeatureFiles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    internal static readonly IReadOnlyDictionary<string, string> RecordsOutsideDtos = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    /// <summary>Contracts interfaces that are ports with a role of their own rather than lookups of a module's records.</summary>
    internal static readonly IReadOnlyDictionary<string, string> ContractPorts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    /// <summary>
    /// The violations no debt entry covers, then one line per entry that covers no violation any more (stale), for
    /// violation lines that start with a repository path or a type name.
    /// </summary>
    internal static IEnumerable<string> Unlisted(IEnumerable<string> violations, IReadOnlyDictionary<string, string> debt)
    {
        var list = violations.ToList();
        return list.Where(v => !debt.Keys.Any(key => Covers(key, v)))
            .Concat(debt.Keys.Where(key => !list.Any(v => Covers(key, v))).Select(key => $"{key}: listed in ShapeDebt but no longer offends; delete its line"));
    }

    private static bool Covers(string key, string violation) =>
        violation.StartsWith(key + ":", StringComparison.Ordinal) || violation.StartsWith(key + " ", StringComparison.Ordinal);
}
