using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.ValueGeneration;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>
/// Fills TenantId when an entity is added (before EF keys it), so composite keys that lead with the tenant work
/// for new graphs; SaveChanges still checks every written row against the current tenant.
/// </summary>
internal sealed class TenantIdValueGenerator : ValueGenerator<Guid>
{
    public override bool GeneratesTemporaryValues => false;

    public override Guid Next(EntityEntry entry) =>
        (entry.Context as ModuleDbContext)?.Dependencies.Tenant.TenantId
        ?? throw new InvalidOperationException($"Adding {entry.Metadata.ClrType.Name} requires a tenant, and none is set.");
}
