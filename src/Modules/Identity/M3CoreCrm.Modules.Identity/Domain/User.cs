using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Identity.Domain;

/// <summary>A person who logs in to one tenant. Emails are unique per tenant, compared case-insensitively.</summary>
internal sealed class User : ITenantOwned
{
    private User()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Email { get; private set; } = null!;

    public string NormalizedEmail { get; private set; } = null!;

    public string DisplayName { get; private set; } = null!;

    public UserStatus Status { get; private set; }

    [NotAudited]
    public string PasswordHash { get; private set; } = null!;

    public DateTimeOffset PasswordChangedAt { get; private set; }

    [NotAudited]
    public DateTimeOffset? LastLoginAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public uint Version { get; private set; }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public static User Create(string email, string displayName, string passwordHash, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Email = email.Trim(),
        NormalizedEmail = Normalize(email),
        DisplayName = displayName.Trim(),
        Status = UserStatus.Active,
        PasswordHash = passwordHash,
        PasswordChangedAt = now,
        CreatedAt = now,
    };

    public void RecordLogin(DateTimeOffset now) => LastLoginAt = now;

    /// <summary>Replaces the hash with one made with stronger parameters (same password).</summary>
    public void UpgradeHash(string passwordHash) => PasswordHash = passwordHash;

    public void ChangePassword(string passwordHash, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        PasswordChangedAt = now;
    }

    public void Disable() => Status = UserStatus.Disabled;

    public void Enable() => Status = UserStatus.Active;
}

internal enum UserStatus
{
    Active,
    Disabled,
}
