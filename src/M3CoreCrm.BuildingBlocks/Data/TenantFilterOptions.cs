using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>
/// <c>Testing:DisableTenantFilters</c>: only the isolation tests set it, to prove that row-level security alone keeps
/// tenants apart. The model cache key includes it, so both models can live in one process.
/// </summary>
public sealed class TenantFilterOptions
{
    public bool DisableTenantFilters { get; set; }
}

internal sealed class TenantFilterModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), context is ModuleDbContext { TenantFiltersDisabled: true }, designTime);
}
