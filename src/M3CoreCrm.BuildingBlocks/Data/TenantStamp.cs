using M3CoreCrm.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>Stamps new tenant-owned rows with the current tenant and refuses to write rows of another tenant.</summary>
internal static class TenantStamp
{
    internal static void Apply(ChangeTracker tracker, Guid? tenantId)
    {
        foreach (var entry in tracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var current = tenantId ?? throw new InvalidOperationException(
                $"Writing {entry.Metadata.ClrType.Name} requires a tenant, and none is set.");
            var property = entry.Property(e => e.TenantId);

            // A link row's TenantId is part of a foreign key to a principal whose tenant is generated: EF gives it a
            // temporary value until saved. It is the current tenant either way.
            if (entry.State == EntityState.Added && (property.IsTemporary || property.CurrentValue == Guid.Empty))
            {
                property.CurrentValue = current;
                property.IsTemporary = false;
            }
            else if (property.CurrentValue != current || property.OriginalValue != current)
            {
                throw new InvalidOperationException(
                    $"Refusing to write {entry.Metadata.ClrType.Name} of another tenant.");
            }
        }
    }
}
