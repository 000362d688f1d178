using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Leads.Data;
using M3CoreCrm.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>
/// Loads one lead within the scope of a permission: a lead of another tenant, outside the caller's scope, or deleted
/// is simply not found (404), exactly like one that does not exist.
/// </summary>
internal sealed class LeadQueries(LeadsDbContext db, AccessScope access)
{
    public async Task<Lead> FindAsync(Guid id, string permission, bool tracked, CancellationToken cancellationToken) =>
        await (await ScopedAsync(permission, tracked, cancellationToken)).FirstOrDefaultAsync(l => l.Id == id, cancellationToken)
        ?? throw Problems.NotFound("lead", id);

    /// <summary>A soft-deleted lead (for restore), within scope.</summary>
    public async Task<Lead> FindDeletedAsync(Guid id, string permission, CancellationToken cancellationToken)
    {
        var filter = await access.OwnerFilterAsync<Lead>(permission, l => l.OwnerId, cancellationToken);
        return await db.Leads.IgnoreQueryFilters([QueryFilters.SoftDelete]).Where(filter)
            .FirstOrDefaultAsync(l => l.Id == id && l.DeletedAt != null, cancellationToken)
            ?? throw Problems.NotFound("lead", id);
    }

    /// <summary>The tenant's live leads that the permission's scope covers (filtered in SQL).</summary>
    public async Task<IQueryable<Lead>> ScopedAsync(string permission, bool tracked, CancellationToken cancellationToken)
    {
        var filter = await access.OwnerFilterAsync<Lead>(permission, l => l.OwnerId, cancellationToken);
        var query = db.Leads.Where(filter);
        return tracked ? query : query.AsNoTracking();
    }
}
