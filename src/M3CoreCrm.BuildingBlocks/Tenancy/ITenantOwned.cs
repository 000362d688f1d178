namespace M3CoreCrm.BuildingBlocks.Tenancy;

/// <summary>
/// An entity that belongs to one tenant: it gets the named tenant query filter, SaveChanges stamps and checks
/// its tenant, and its table gets the row-level security policy.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}

/// <summary>Marks an entity that deliberately belongs to no tenant (e.g. the tenants table itself).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GlobalEntityAttribute : Attribute;
