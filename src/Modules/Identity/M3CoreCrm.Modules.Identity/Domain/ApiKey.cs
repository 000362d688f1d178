using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Identity.Domain;

/// <summary>
/// A credential for an integration: acts with one role's permissions, is shown once at creation and stored as its
/// SHA-256 only, may expire, and is revoked rather than deleted (its audit rows keep pointing at it).
/// </summary>
internal sealed class ApiKey : ITenantOwned
{
    /// <summary>How often, at most, the last use is written (not a write per request).</summary>
    internal static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private ApiKey()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; } = null!;

    public Guid RoleId { get; private set; }

    /// <summary>SHA-256 of the whole key text.</summary>
    [NotAudited]
    public byte[] SecretHash { get; private set; } = null!;

    /// <summary>The key's first and last characters (e.g. "m3k_…Xy9Q"), so people can tell keys apart.</summary>
    public string Hint { get; private set; } = null!;

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The user who created it; null when another API key or the system did.</summary>
    public Guid? CreatedByUserId { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    [NotAudited]
    public DateTimeOffset? LastUsedAt { get; private set; }

    public static ApiKey Create(Guid id, string name, Guid roleId, byte[] secretHash, string hint, DateTimeOffset? expiresAt, Guid? createdByUserId, DateTimeOffset now) => new()
    {
        Id = id,
        Name = name.Trim(),
        RoleId = roleId,
        SecretHash = secretHash,
        Hint = hint,
        ExpiresAt = expiresAt,
        CreatedByUserId = createdByUserId,
        CreatedAt = now,
    };

    public ApiKeyStatus StatusAt(DateTimeOffset now) =>
        RevokedAt is not null ? ApiKeyStatus.Revoked
        : ExpiresAt <= now ? ApiKeyStatus.Expired
        : ApiKeyStatus.Active;

    /// <summary>Revokes the key; a revoked key stays revoked (returns false when it already was).</summary>
    public bool Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            return false;
        }

        RevokedAt = now;
        return true;
    }
}

internal enum ApiKeyStatus
{
    Active,
    Expired,
    Revoked,
}
