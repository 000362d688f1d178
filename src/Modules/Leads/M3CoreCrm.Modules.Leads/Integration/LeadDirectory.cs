using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.Modules.Leads.Contracts;
using M3CoreCrm.Modules.Leads.Data;
using M3CoreCrm.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Leads.Integration;

/// <summary>Other modules' read access to leads (references they check), inside the caller's unit of work.</summary>
internal sealed class LeadDirectory(LeadsDbContext db, AccessScope access) : ILeadDirectory
{
    public async Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken)
    {
        if (leadIds.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var wanted = leadIds.Distinct().ToList();
        var visible = await access.VisibleFilterAsync<Lead>(LeadsPermissions.Read, l => l.OwnerId, cancellationToken);
        var found = await db.Leads.AsNoTracking().Where(visible).Where(l => wanted.Contains(l.Id)).Select(l => l.Id).ToListAsync(cancellationToken);
        return found.ToHashSet();
    }
}
