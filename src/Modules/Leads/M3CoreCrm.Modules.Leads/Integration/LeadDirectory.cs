using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.Modules.Leads.Contracts;
using M3CoreCrm.Modules.Leads.Data;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Leads.Integration;

/// <summary>Other modules' read access to leads (references they check), inside the caller's unit of work.</summary>
internal sealed class LeadDirectory(LeadsDbContext db, AccessScope access) : ILeadDirectory
{
    public async Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leadIds);
        var wanted = leadIds.Distinct().ToList();
        return wanted.Count == 0
            ? new HashSet<Guid>()
            : (await db.Leads.AsNoTracking().Where(l => wanted.Contains(l.Id)).Select(l => l.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    public Task<IReadOnlySet<Guid>> VisibleAsync(IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken) =>
        access.VisibleIdsAsync(db.Leads, LeadsPermissions.Read, l => l.OwnerId, leadIds, cancellationToken);

    public async Task<IReadOnlySet<Guid>> OwnedByAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownerIds);
        var owners = ownerIds.Select(id => (Guid?)id).Distinct().ToList();
        return owners.Count == 0
            ? new HashSet<Guid>()
            : (await db.Leads.AsNoTracking().Where(l => owners.Contains(l.OwnerId)).Select(l => l.Id).ToListAsync(cancellationToken)).ToHashSet();
    }
}
