namespace M3CoreCrm.Modules.Inventory.Contracts;

/// <summary>What other modules may ask about inventory units.</summary>
public interface IUnitDirectory
{
    /// <summary>The ids among <paramref name="unitIds"/> of live units of the current tenant.</summary>
    Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken cancellationToken);

    /// <summary>
    /// The ids among <paramref name="unitIds"/> of live units the caller may read (units have no owner: every unit
    /// with inventory.read); a reference to a unit outside it answers like one to a missing unit.
    /// </summary>
    Task<IReadOnlySet<Guid>> VisibleAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken cancellationToken);
}
