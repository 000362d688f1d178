using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>
/// Whether the EF tenant filters are left out of the model. Every host registers <see cref="Enforced"/>, and no
/// configuration key reaches this service: only the isolation tests replace it in their test host's services, to
/// prove that row-level security alone keeps tenants apart. The model cache key includes it, so both models can live
/// in one process.
/// </summary>
public sealed class TenantFilterOptions(bool disableTenantFilters)
{
    /// <summary>The filters are in the model: the only value a host registers.</summary>
    public static readonly TenantFilterOptions Enforced = new(disableTenantFilters: false);

    public bool DisableTenantFilters { get; } = disableTenantFilters;
}

internal sealed class TenantFilterModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), context is ModuleDbContext { TenantFiltersDisabled: true }, designTime);
}
