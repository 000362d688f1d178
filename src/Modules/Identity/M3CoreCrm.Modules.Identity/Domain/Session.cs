using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Identity.Domain;

/// <summary>One login: the family of refresh tokens it rotates through, until it expires or is revoked.</summary>
[NotAudited]
internal sealed class Session : ITenantOwned
{
    internal static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private Session()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid UserId { get; private set; }

    public string? UserAgent { get; private set; }

    public string? IpAddress { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset LastUsedAt { get; private set; }

    /// <summary>Absolute: refreshing never extends it.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokeReason { get; private set; }

    public static Session Start(Guid userId, string? userAgent, string? ipAddress, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        UserAgent = userAgent is { Length: > 256 } ? userAgent[..256] : userAgent,
        IpAddress = ipAddress,
        CreatedAt = now,
        LastUsedAt = now,
        ExpiresAt = now + Lifetime,
    };

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;

    public void Touch(DateTimeOffset now) => LastUsedAt = now;
}
