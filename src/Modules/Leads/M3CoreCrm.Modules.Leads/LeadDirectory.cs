using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.Modules.Leads.Authorization;
using M3CoreCrm.Modules.Leads.Contracts;
using M3CoreCrm.Modules.Leads.Data;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Leads;

/// <summary>Other modules' read access to leads (existence checks), inside the caller's unit of work.</summary>
internal sealed class LeadDirectory(LeadsDbContext db, AccessScope access) : ILeadDirectory
{
    public async Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken)
    {
        if (leadIds.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var wanted = leadIds.Distinct().ToList();
        var found = await db.Leads.AsNoTracking().Where(l => wanted.Contains(l.Id)).Select(l => l.Id).ToListAsync(cancellationToken);
        return found.ToHashSet();
    }

    public async Task<IReadOnlyList<Guid>> SampleLeadIdsAsync(int count, CancellationToken cancellationToken) =>
        await db.Leads.AsNoTracking().OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).Select(l => l.Id).Take(count).ToListAsync(cancellationToken);

    public async Task<IReadOnlySet<Guid>> VisibleAsync(IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leadIds);
        if (leadIds.Count == 0 || (await access.PermissionsAsync(cancellationToken)).ScopeOf(LeadsPermissions.Read) is null)
        {
            return new HashSet<Guid>();
        }

        var wanted = leadIds.Distinct().ToList();
        var scope = await access.OwnerFilterAsync<Domain.Lead>(LeadsPermissions.Read, l => l.OwnerId, cancellationToken);
        return (await db.Leads.AsNoTracking().Where(scope).Where(l => wanted.Contains(l.Id)).Select(l => l.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    public async Task<IReadOnlySet<Guid>> OwnedByAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownerIds);
        var owners = ownerIds.Select(id => (Guid?)id).Distinct().ToList();
        return owners.Count == 0
            ? new HashSet<Guid>()
            : (await db.Leads.AsNoTracking().Where(l => owners.Contains(l.OwnerId)).Select(l => l.Id).ToListAsync(cancellationToken)).ToHashSet();
    }
}
