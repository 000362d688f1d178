using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Identity.Domain;

/// <summary>A single-use refresh token; only its SHA-256 is stored.</summary>
[NotAudited]
internal sealed class RefreshToken : ITenantOwned
{
    private RefreshToken()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid SessionId { get; private set; }

    public byte[] TokenHash { get; private set; } = null!;

    public DateTimeOffset IssuedAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public Guid? ReplacedById { get; private set; }

    public static RefreshToken Issue(Guid sessionId, byte[] tokenHash, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        SessionId = sessionId,
        TokenHash = tokenHash,
        IssuedAt = now,
    };
}
