using M3CoreCrm.Modules.Tenancy.Contracts;
using M3CoreCrm.Modules.Tenancy.Data;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Tenancy.Integration;

internal sealed class TenantDirectory(TenancyDbContext db) : ITenantDirectory
{
    public async Task<TenantInfo?> FindBySlugAsync(string slug, CancellationToken cancellationToken) =>
        (await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, cancellationToken))?.ToInfo();

    public async Task<TenantInfo?> FindAsync(Guid tenantId, CancellationToken cancellationToken) =>
        (await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken))?.ToInfo();

    public async Task<IReadOnlyList<Guid>> ListActiveIdsAsync(CancellationToken cancellationToken) =>
        await db.Tenants.AsNoTracking().Where(t => t.Status == TenantStatus.Active).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(cancellationToken);
}
