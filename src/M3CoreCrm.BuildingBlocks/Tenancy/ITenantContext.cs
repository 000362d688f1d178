namespace M3CoreCrm.BuildingBlocks.Tenancy;

/// <summary>The tenant of the current unit of work (one request, one command).</summary>
public interface ITenantContext
{
    Guid? TenantId { get; }

    /// <summary>The tenant, or an exception when none is set (a programming error, never user input).</summary>
    Guid RequiredTenantId { get; }

    /// <summary>Sets the tenant once; a different tenant later in the same scope is refused.</summary>
    void SetTenant(Guid tenantId);
}
