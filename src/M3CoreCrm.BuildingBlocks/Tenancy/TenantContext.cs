namespace M3CoreCrm.BuildingBlocks.Tenancy;

internal sealed class TenantContext : ITenantContext
{
    public Guid? TenantId { get; private set; }

    public Guid RequiredTenantId =>
        TenantId ?? throw new InvalidOperationException("No tenant is set for this unit of work.");

    public void SetTenant(Guid tenantId)
    {
        if (tenantId == Guid.Empty)
        {
            throw new ArgumentException("The empty id is not a tenant.", nameof(tenantId));
        }

        if (TenantId is { } current && current != tenantId)
        {
            throw new InvalidOperationException("The tenant of a unit of work cannot change.");
        }

        TenantId = tenantId;
    }
}
