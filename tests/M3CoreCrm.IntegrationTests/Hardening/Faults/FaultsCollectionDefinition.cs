namespace M3CoreCrm.IntegrationTests.Hardening.Faults;

/// <summary>
/// The fault tests stop and kill PostgreSQL servers of their own and drive load against them: they run one class at
/// a time and alone (after the parallel collections), so their load neither slows nor is slowed by other tests.
/// Each class brings its own server through a class fixture.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsCollectionDefinition
{
    internal const string Name = "faults";
}
