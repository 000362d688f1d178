using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Deals.Data;
using M3CoreCrm.Modules.Deals.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Deals.Registry;

/// <summary>Existence checks for other modules, in the caller's unit of work (tenant filter and RLS apply).</summary>
internal sealed class DealDirectory(DealsDbContext db) : IDealDirectory
{
    public async Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = ids.Distinct().ToList();
        return list.Count == 0
            ? new HashSet<Guid>()
            : (await db.Deals.AsNoTracking().Where(d => list.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    public async Task<IReadOnlyList<Guid>> OpenDealIdsAsync(int count, CancellationToken cancellationToken) =>
        await db.Deals.AsNoTracking().Where(d => d.Status == DealStatus.Open)
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).Select(d => d.Id).Take(count).ToListAsync(cancellationToken);
}
