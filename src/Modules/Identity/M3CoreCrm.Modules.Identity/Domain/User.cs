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

    /// <summary>Set by every administrative change, roles included, so the row version (the ETag) moves with them.</summary>
    [NotAudited]
    public DateTimeOffset? UpdatedAt { get; private set; }

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

    /// <summary>Replaces the hash with one made with stronger parameters (same password).</summary>
    public void UpgradeHash(string passwordHash) => PasswordHash = passwordHash;

    public void ChangePassword(string passwordHash, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        PasswordChangedAt = now;
    }

    public void Rename(string displayName, DateTimeOffset now)
    {
        DisplayName = displayName.Trim();
        UpdatedAt = now;
    }

    public void Disable(DateTimeOffset now)
    {
        Status = UserStatus.Disabled;
        UpdatedAt = now;
    }

    public void Enable(DateTimeOffset now)
    {
        Status = UserStatus.Active;
        UpdatedAt = now;
    }

    /// <summary>Marks a change of what hangs off the user (its roles), so its ETag changes too.</summary>
    public void Touch(DateTimeOffset now) => UpdatedAt = now;
}

internal enum UserStatus
{
    Active,
    Disabled,
}
