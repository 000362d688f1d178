using System.Buffers;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

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

            var type = AuditedType.Of(entry.Metadata);
            if (type is null)
            {
                continue;
            }

            var action = Action(entry);
            var changes = Changes(entry, type, out var changed);
            if (action == "updated" && changed == 0)
            {
                continue;
            }

            entries.Add(new AuditEntry
            {
                TenantId = entry.Entity.TenantId,
                OccurredAt = now,
                ActorKind = ActorKindName(dependencies.Actor.Kind),
                ActorId = dependencies.Actor.Id,
                EntityType = type.Name,
                EntityId = EntityId(entry),
                Action = action,
                Changes = changes,
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

    /// <summary>The primary key without the tenant ("id", or "userId:roleId" for link rows).</summary>
    private static string EntityId(EntityEntry entry) =>
        string.Join(':', entry.Metadata.FindPrimaryKey()!.Properties
            .Where(p => p.Name != nameof(ITenantOwned.TenantId))
            .Select(p => entry.Property(p.Name).CurrentValue));

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

    /// <summary>
    /// <c>{"field": {"new": …}}</c> for an added row, <c>{"field": {"old": …, "new": …}}</c> for each changed field of
    /// a modified one, written straight to JSON; <paramref name="changed"/> counts the fields.
    /// </summary>
    private static string Changes(EntityEntry entry, AuditedType type, out int changed)
    {
        changed = 0;
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (propertyName, jsonName) in type.Properties)
            {
                var property = entry.Property(propertyName);
                if (entry.State == EntityState.Added && property.CurrentValue is { } value)
                {
                    writer.WriteStartObject(jsonName);
                    WriteValue(writer, "new", value);
                    writer.WriteEndObject();
                    changed++;
                }
                else if (entry.State == EntityState.Modified && property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
                {
                    writer.WriteStartObject(jsonName);
                    WriteValue(writer, "old", property.OriginalValue);
                    WriteValue(writer, "new", property.CurrentValue);
                    writer.WriteEndObject();
                    changed++;
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, object? value)
    {
        writer.WritePropertyName(name);
        JsonSerializer.Serialize(writer, value, CrmJson.Options);
    }

    /// <summary>What is audited of an entity type, worked out once per type (reflection and naming are not free).</summary>
    private sealed record AuditedType(string Name, IReadOnlyList<(string Property, string Json)> Properties)
    {
        private static readonly ConcurrentDictionary<Type, AuditedType?> Cache = new();

        /// <summary>Null for a type marked <see cref="NotAuditedAttribute"/>.</summary>
        public static AuditedType? Of(IEntityType entityType) => Cache.GetOrAdd(entityType.ClrType, _ =>
            entityType.ClrType.GetCustomAttribute<NotAuditedAttribute>() is not null
                ? null
                : new AuditedType(
                    EntityTypeName(entityType.ClrType),
                    [.. entityType.GetProperties()
                        .Where(p => p.Name != nameof(ITenantOwned.TenantId) && !p.IsConcurrencyToken && !IsSecret(p))
                        .Select(p => (p.Name, JsonNamingPolicy.CamelCase.ConvertName(p.Name)))]));
    }

    private static bool IsSecret(IProperty property) =>
        property.PropertyInfo?.GetCustomAttribute<NotAuditedAttribute>() is not null
        || property.Name.Contains("Hash", StringComparison.Ordinal)
        || property.Name.Contains("Secret", StringComparison.Ordinal)
        || property.Name.Contains("Password", StringComparison.Ordinal);
}
