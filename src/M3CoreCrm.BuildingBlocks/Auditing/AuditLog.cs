using M3CoreCrm.BuildingBlocks.Data;
using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.BuildingBlocks.Auditing;

internal sealed class AuditLog(SharedDbContext db, ITenantContext tenant, ICurrentActor actor, TimeProvider clock) : IAuditLog
{
    public async Task RecordAsync(string action, string entityType, string? entityId, Guid? actorUserId, object? details, CancellationToken cancellationToken)
    {
        var kind = actorUserId is not null ? ActorKind.User : actor.Kind;
        db.AuditEntries.Add(new AuditEntry
        {
            TenantId = tenant.RequiredTenantId,
            OccurredAt = clock.GetUtcNow(),
            ActorKind = AuditTrail.ActorKindName(kind),
            ActorId = actorUserId ?? actor.Id,
            EntityType = entityType,
            EntityId = entityId,
            Action = action,
            Changes = details is null ? null : JsonSerializer.Serialize(details, CrmJson.Options),
            IpAddress = actor.IpAddress,
            CorrelationId = actor.CorrelationId,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
