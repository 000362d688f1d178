using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>What every module DbContext needs beside its options; one parameter keeps module constructors short.</summary>
public sealed class ModuleDbContextDependencies(
    ITenantContext tenant,
    ICurrentActor actor,
    TimeProvider clock,
    UnitOfWork? unitOfWork = null,
    bool tenantFiltersDisabled = false)
{
    public ITenantContext Tenant { get; } = tenant;

    public ICurrentActor Actor { get; } = actor;

    public TimeProvider Clock { get; } = clock;

    /// <summary>The unit of work's shared connection; null for migrations and design time.</summary>
    public UnitOfWork? UnitOfWork { get; } = unitOfWork;

    internal bool TenantFiltersDisabled { get; } = tenantFiltersDisabled;

    /// <summary>For dotnet-ef and migrations: no tenant, the system as actor.</summary>
    public static ModuleDbContextDependencies ForTooling() =>
        new(new TenantContext(), SystemActor.Instance, TimeProvider.System);
}
