using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.BuildingBlocks.Auditing;

/// <summary>One row of the append-only audit log: a data change or a security event.</summary>
[NotAudited]
public sealed class AuditEntry : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>user, apiKey or system.</summary>
    public required string ActorKind { get; init; }

    public Guid? ActorId { get; init; }

    /// <summary>For data changes the entity type (e.g. "lead"); for security events "security".</summary>
    public required string EntityType { get; init; }

    public string? EntityId { get; init; }

    /// <summary>created, updated, deleted, restored, or a security event name (login.failed, ...).</summary>
    public required string Action { get; init; }

    /// <summary>JSON: {"field": {"old": ..., "new": ...}} for changes, or event details.</summary>
    public string? Changes { get; init; }

    public string? IpAddress { get; init; }

    public string? CorrelationId { get; init; }
}
