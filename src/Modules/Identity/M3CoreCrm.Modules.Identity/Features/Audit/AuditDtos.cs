namespace M3CoreCrm.Modules.Identity.Features.Audit;

/// <summary>The audit log's records, nested in <see cref="AuditEndpoints"/> so their schema names stay as published.</summary>
internal static partial class AuditEndpoints
{
    internal sealed record AuditEntryResponse(
        Guid Id, DateTimeOffset OccurredAt, string ActorKind, Guid? ActorId, string EntityType, string? EntityId,
        string Action, System.Text.Json.JsonElement? Changes, string? IpAddress, string? CorrelationId);

    internal sealed record AuditQuery(string? EntityType, string? EntityId, Guid? ActorId, string? Action, DateTimeOffset? From, DateTimeOffset? To);
}
