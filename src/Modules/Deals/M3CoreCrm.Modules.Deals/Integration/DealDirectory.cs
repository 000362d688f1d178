using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.Modules.Deals.Authorization;
using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Deals.Data;
using M3CoreCrm.Modules.Deals.Domain;
using M3CoreCrm.Modules.Deals.Features.Deals;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Deals.Registry;

/// <summary>Existence, visibility and ownership questions of other modules, in the caller's unit of work (tenant filter and RLS apply).</summary>
internal sealed class DealDirectory(DealsDbContext db, DealService deals, AccessScope access) : IDealDirectory
{
    public async Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = ids.Distinct().ToList();
        return list.Count == 0
            ? new HashSet<Guid>()
            : (await db.Deals.AsNoTracking().Where(d => list.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    public async Task<IReadOnlySet<Guid>> VisibleAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = ids.Distinct().ToList();
        if (list.Count == 0 || (await access.PermissionsAsync(cancellationToken)).ScopeOf(DealsPermissions.DealsRead) is null)
        {
            return new HashSet<Guid>();
        }

        var visible = await deals.VisibleAsync(DealsPermissions.DealsRead, cancellationToken);
        return (await visible.AsNoTracking().Where(d => list.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    public async Task<IReadOnlySet<Guid>> OwnedByAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownerIds);
        var owners = ownerIds.Select(id => (Guid?)id).Distinct().ToList();
        return owners.Count == 0
            ? new HashSet<Guid>()
            : (await db.Deals.AsNoTracking().Where(d => owners.Contains(d.OwnerId)).Select(d => d.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    public async Task<IReadOnlyList<Guid>> OpenDealIdsAsync(int count, CancellationToken cancellationToken) =>
        await db.Deals.AsNoTracking().Where(d => d.Status == DealStatus.Open)
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).Select(d => d.Id).Take(count).ToListAsync(cancellationToken);
}
