namespace M3CoreCrm.BuildingBlocks.Modules;

/// <summary>Fills the demo tenant with realistic sample data for one module; runs with the demo tenant set.</summary>
public interface IDemoDataSeeder
{
    /// <summary>Lower runs first (records of earlier modules may be referenced by later ones).</summary>
    int Order { get; }

    Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken);
}

/// <summary>
/// What a seeder knows about the demo tenant it fills. <see cref="Records"/> carries the ids earlier seeders
/// created, so a later module links to them without a demo-only method in another module's Contracts.
/// </summary>
public sealed record DemoSeedContext(Guid TenantId, Guid OwnerUserId, IReadOnlyList<Guid> AgentUserIds)
{
    public DemoRecords Records { get; } = new();
}
