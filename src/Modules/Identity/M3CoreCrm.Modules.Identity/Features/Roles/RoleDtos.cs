using M3CoreCrm.BuildingBlocks.Authorization;

namespace M3CoreCrm.Modules.Identity.Features.Roles;

/// <summary>A permission granted with a scope (own, group or all; administrative permissions: all only).</summary>
internal sealed record RoleGrantRequest(string Permission, PermissionScope? Scope);

internal sealed record RoleGrantResponse(string Permission, PermissionScope Scope);

/// <summary>
/// A role with its effective grants (for system roles, computed from the catalogue), and how many users and active
/// API keys hold it.
/// </summary>
internal sealed record RoleResponse(
    Guid Id,
    string Name,
    string? Description,
    bool IsSystem,
    IReadOnlyList<RoleGrantResponse> Grants,
    int UserCount,
    int ApiKeyCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt);

/// <summary>A custom role and its grants.</summary>
internal sealed record CreateRoleRequest(string Name, string? Description, IReadOnlyList<RoleGrantRequest>? Grants);

/// <summary>
/// The editable fields of a custom role, the target of a JSON merge patch: members present replace, a null
/// description clears it, absent members stay.
/// </summary>
internal sealed record RoleEdit(string Name, string? Description);

/// <summary>The complete new set of a custom role's grants.</summary>
internal sealed record ReplaceRoleGrantsRequest(IReadOnlyList<RoleGrantRequest>? Grants);

internal sealed record RoleListQuery(string? Q, bool? IsSystem);

/// <summary>A permission of the catalogue and the scopes it may be granted with.</summary>
internal sealed record PermissionResponse(string Name, string Description, PermissionKind Kind, IReadOnlyList<PermissionScope> Scopes);
