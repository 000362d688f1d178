using System.Reflection;
using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace M3CoreCrm.BuildingBlocks.Auditing;

/// <summary>Turns the change tracker's tenant-owned changes into audit rows, field by field.</summary>
internal static class AuditTrail
{
    internal static List<AuditEntry> Collect(ChangeTracker tracker, ModuleDbContextDependencies dependencies)
    {
        var entries = new List<AuditEntry>();
        var now = dependencies.Clock.GetUtcNow();
        foreach (var entry in tracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (entry.Metadata.ClrType.GetCustomAttribute<NotAuditedAttribute>() is not null)
            {
                continue;
            }

            var changes = Changes(entry);
            var action = Action(entry);
            if (action == "updated" && changes.Count == 0)
            {
                continue;
            }

            entries.Add(new AuditEntry
            {
                TenantId = entry.Entity.TenantId,
                OccurredAt = now,
                ActorKind = ActorKindName(dependencies.Actor.Kind),
                ActorId = dependencies.Actor.Id,
                EntityType = EntityTypeName(entry.Metadata.ClrType),
                // Entities keyed without an "Id" (e.g. a join row keyed by its two ends) are audited without one.
                EntityId = entry.Metadata.FindProperty("Id") is { } id ? entry.Property(id.Name).CurrentValue?.ToString() : null,
                Action = action,
                Changes = JsonSerializer.Serialize(changes, CrmJson.Options),
                IpAddress = dependencies.Actor.IpAddress,
                CorrelationId = dependencies.Actor.CorrelationId,
            });
        }

        return entries;
    }

    internal static string ActorKindName(ActorKind kind) => kind switch
    {
        ActorKind.User => "user",
        ActorKind.ApiKey => "apiKey",
        _ => "system",
    };

    /// <summary>"LeadNote" becomes "leadNote": the same spelling the API uses.</summary>
    internal static string EntityTypeName(Type type) => JsonNamingPolicy.CamelCase.ConvertName(type.Name);

    private static string Action(EntityEntry entry)
    {
        if (entry.State == EntityState.Added)
        {
            return "created";
        }

        if (entry.State == EntityState.Deleted)
        {
            return "deleted";
        }

        if (entry.Entity is ISoftDeletable && entry.Properties.FirstOrDefault(p => p.Metadata.Name == nameof(ISoftDeletable.DeletedAt)) is { IsModified: true } deleted)
        {
            return deleted.CurrentValue is null ? "restored" : "deleted";
        }

        return "updated";
    }

    private static Dictionary<string, object?> Changes(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (name is nameof(ITenantOwned.TenantId) || property.Metadata.IsConcurrencyToken || IsSecret(property))
            {
                continue;
            }

            switch (entry.State)
            {
                case EntityState.Added when property.CurrentValue is not null:
                    changes[JsonNamingPolicy.CamelCase.ConvertName(name)] = new { @new = property.CurrentValue };
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes[JsonNamingPolicy.CamelCase.ConvertName(name)] = new { old = property.OriginalValue, @new = property.CurrentValue };
                    break;
            }
        }

        return changes;
    }

    private static bool IsSecret(PropertyEntry property) =>
        property.Metadata.PropertyInfo?.GetCustomAttribute<NotAuditedAttribute>() is not null
        || property.Metadata.Name.Contains("Hash", StringComparison.Ordinal)
        || property.Metadata.Name.Contains("Secret", StringComparison.Ordinal)
        || property.Metadata.Name.Contains("Password", StringComparison.Ordinal);
}
