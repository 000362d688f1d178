using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Tenancy.Contracts;
using M3CoreCrm.Modules.Tenancy.Data;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Tenancy.Features.Tenants;

/// <summary>Reads of tenants for the platform operator (outside any tenant).</summary>
internal sealed class TenantQueries(TenancyDbContext db)
{
    public async Task<TenantInfo> GetAsync(Guid id, CancellationToken ct)
    {
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw Problems.NotFound("tenant", id);
        return tenant.ToInfo();
    }
}
