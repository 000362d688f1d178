using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.Modules.Inventory.Contracts;
using M3CoreCrm.Modules.Inventory.Data;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Inventory.Integration;

/// <summary>Units for other modules (deals name the units they are interested in, activities target units), in the caller's unit of work.</summary>
internal sealed class UnitDirectory(InventoryDbContext db, AccessScope access) : IUnitDirectory
{
    public async Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unitIds);
        var ids = unitIds.Distinct().ToList();
        return ids.Count == 0
            ? new HashSet<Guid>()
            : (await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    public Task<IReadOnlySet<Guid>> VisibleAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken cancellationToken) =>
        access.VisibleIdsAsync(db.Units, InventoryPermissions.Read, owner: null, unitIds, cancellationToken);
}
