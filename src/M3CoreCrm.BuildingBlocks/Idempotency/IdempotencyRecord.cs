using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.BuildingBlocks.Idempotency;

/// <summary>The stored first response to a POST with an Idempotency-Key, replayed for 24 hours.</summary>
[NotAudited]
internal sealed class IdempotencyRecord : ITenantOwned
{
    public Guid TenantId { get; init; }

    /// <summary>"user:{id}" or "apiKey:{id}": keys are per caller.</summary>
    public required string ActorKey { get; init; }

    public required string Key { get; init; }

    public required byte[] RequestHash { get; init; }

    public int StatusCode { get; init; }

    public string? ContentType { get; init; }

    public string? Location { get; init; }

    public string? ETag { get; init; }

    public required byte[] Body { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }
}
