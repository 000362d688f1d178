namespace M3CoreCrm.Modules.Inventory.Contracts;

/// <summary>What other modules may ask about inventory units.</summary>
public interface IUnitDirectory
{
    /// <summary>The ids among <paramref name="unitIds"/> of live units of the current tenant.</summary>
    Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken cancellationToken);
}
