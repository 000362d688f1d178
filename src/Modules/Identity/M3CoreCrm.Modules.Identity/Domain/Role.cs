using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Identity.Domain;

/// <summary>
/// A named set of grants. System roles (Owner, Admin, Manager, Agent, Viewer) take their grants from code, so they
/// follow the permission catalogue as modules are added; custom roles store theirs.
/// </summary>
internal sealed class Role : ITenantOwned, IEntity
{
    private Role()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; } = null!;

    public string? Description { get; private set; }

    public bool IsSystem { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Set by every change, grants included, so the row version (the ETag) moves with them.</summary>
    public DateTimeOffset? UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public List<RoleGrant> Grants { get; private set; } = [];

    public static Role Create(string name, string? description, bool isSystem, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name.Trim(),
        Description = description,
        IsSystem = isSystem,
        CreatedAt = now,
    };

    public void Rename(string name, DateTimeOffset now)
    {
        EnsureCustom();
        Name = name.Trim();
        UpdatedAt = now;
    }

    public void Describe(string? description, DateTimeOffset now)
    {
        EnsureCustom();
        Description = description;
        UpdatedAt = now;
    }

    /// <summary>
    /// Makes the stored grants exactly <paramref name="grants"/> (one per permission): removes the others, changes
    /// scopes in place and adds the new ones, so the audit log shows each grant's own change.
    /// </summary>
    public void ReplaceGrants(IReadOnlyDictionary<string, PermissionScope> grants, DateTimeOffset now)
    {
        EnsureCustom();
        Grants.RemoveAll(g => !grants.ContainsKey(g.Permission));
        foreach (var (permission, scope) in grants)
        {
            if (Grants.Find(g => g.Permission == permission) is { } existing)
            {
                existing.ChangeScope(scope);
            }
            else
            {
                Grants.Add(RoleGrant.For(Id, permission, scope));
            }
        }

        UpdatedAt = now;
    }

    /// <summary>System roles are defined in code: they cannot be renamed, regranted or deleted (409 role.system).</summary>
    public void EnsureCustom()
    {
        if (IsSystem)
        {
            throw Problems.Conflict("role.system", $"'{Name}' is a system role; it cannot be changed or deleted. Create a custom role instead.");
        }
    }
}

/// <summary>One permission of a custom role, with its scope.</summary>
internal sealed class RoleGrant : ITenantOwned
{
    private RoleGrant()
    {
    }

    public Guid TenantId { get; private set; }

    public Guid RoleId { get; private set; }

    public string Permission { get; private set; } = null!;

    public PermissionScope Scope { get; private set; }

    public static RoleGrant For(Guid roleId, string permission, PermissionScope scope) =>
        new() { RoleId = roleId, Permission = permission, Scope = scope };

    public void ChangeScope(PermissionScope scope) => Scope = scope;
}

/// <summary>A user's membership of a role.</summary>
internal sealed class UserRole : ITenantOwned
{
    public Guid TenantId { get; private set; }

    public Guid UserId { get; init; }

    public Guid RoleId { get; init; }
}

/// <summary>A team; "group" scope covers records owned by any member of the caller's groups.</summary>
internal sealed class Group : ITenantOwned, IEntity
{
    private Group()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; } = null!;

    public string? Description { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Set by every change, membership included, so the row version (the ETag) moves with it.</summary>
    public DateTimeOffset? UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public static Group Create(string name, string? description, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name.Trim(),
        Description = description,
        CreatedAt = now,
    };

    public void Rename(string name, DateTimeOffset now)
    {
        Name = name.Trim();
        UpdatedAt = now;
    }

    public void Describe(string? description, DateTimeOffset now)
    {
        Description = description;
        UpdatedAt = now;
    }

    public void Touch(DateTimeOffset now) => UpdatedAt = now;
}

internal sealed class GroupMember : ITenantOwned
{
    public Guid TenantId { get; private set; }

    public Guid GroupId { get; init; }

    public Guid UserId { get; init; }
}
