using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Identity.Domain;

/// <summary>
/// A named set of grants. System roles (Owner, Admin, Manager, Agent, Viewer) take their grants from code, so they
/// follow the permission catalogue as modules are added; custom roles store theirs.
/// </summary>
internal sealed class Role : ITenantOwned
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

    public uint Version { get; private set; }

    public List<RoleGrant> Grants { get; private set; } = [];

    public static Role Create(string name, string? description, bool isSystem, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name,
        Description = description,
        IsSystem = isSystem,
        CreatedAt = now,
    };
}

/// <summary>One permission of a custom role, with its scope.</summary>
internal sealed class RoleGrant : ITenantOwned
{
    public Guid TenantId { get; private set; }

    public Guid RoleId { get; init; }

    public required string Permission { get; init; }

    public PermissionScope Scope { get; init; }
}

/// <summary>A user's membership of a role.</summary>
internal sealed class UserRole : ITenantOwned
{
    public Guid TenantId { get; private set; }

    public Guid UserId { get; init; }

    public Guid RoleId { get; init; }
}

/// <summary>A team; "group" scope covers records owned by any member of the caller's groups.</summary>
internal sealed class Group : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; private set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public uint Version { get; private set; }
}

internal sealed class GroupMember : ITenantOwned
{
    public Guid TenantId { get; private set; }

    public Guid GroupId { get; init; }

    public Guid UserId { get; init; }
}
