namespace M3CoreCrm.ArchitectureTests.Support;

internal static class Violations
{
    /// <summary>Fails with every violation listed, so one run shows all of them.</summary>
    internal static void AssertNone(IEnumerable<string> violations, string rule)
    {
        var list = violations.ToList();
        Assert.True(list.Count == 0, $"{rule}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", list)}");
    }
}
