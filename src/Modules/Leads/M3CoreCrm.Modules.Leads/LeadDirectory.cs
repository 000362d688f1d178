using M3CoreCrm.Modules.Leads.Contracts;
using M3CoreCrm.Modules.Leads.Data;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Leads;

/// <summary>Other modules' read access to leads (existence checks), inside the caller's unit of work.</summary>
internal sealed class LeadDirectory(LeadsDbContext db) : ILeadDirectory
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
}
