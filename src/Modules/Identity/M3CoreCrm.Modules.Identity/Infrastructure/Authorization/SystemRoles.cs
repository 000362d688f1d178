using M3CoreCrm.BuildingBlocks.Authorization;

namespace M3CoreCrm.Modules.Identity.Infrastructure.Authorization;

/// <summary>
/// The five system roles every tenant gets. Their grants are computed from the permission catalogue, so a module
/// added later is covered by them without a data migration.
/// </summary>
internal static class SystemRoles
{
    internal const string Owner = "Owner";
    internal const string Admin = "Admin";
    internal const string Manager = "Manager";
    internal const string Agent = "Agent";
    internal const string Viewer = "Viewer";

    internal static readonly (string Name, string Description)[] All =
    [
        (Owner, "Everything, including the tenant's settings. The last active Owner cannot be removed."),
        (Admin, "Everything but the tenant's settings."),
        (Manager, "All record actions on the records of their groups; reads users, roles and groups."),
        (Agent, "Reads and works their own records."),
        (Viewer, "Reads all records; changes nothing."),
    ];

    private static readonly HashSet<string> ManagerAdminReads = [IdentityPermissions.UsersRead, IdentityPermissions.RolesRead, IdentityPermissions.GroupsRead];

    internal static bool IsSystem(string name) => All.Any(r => r.Name == name);

    internal static IEnumerable<(string Permission, PermissionScope Scope)> GrantsOf(string role, PermissionCatalog catalog) =>
        catalog.All.Select(p => (p.Name, Scope: ScopeOf(role, p))).Where(g => g.Scope is not null).Select(g => (g.Name, g.Scope!.Value));

    private static PermissionScope? ScopeOf(string role, PermissionDefinition permission) => (role, permission.Kind) switch
    {
        (Owner, _) => PermissionScope.All,
        (Admin, _) => permission.Name == IdentityPermissions.TenantManage ? null : PermissionScope.All,
        (Manager, PermissionKind.Admin) => ManagerAdminReads.Contains(permission.Name) ? PermissionScope.All : null,
        (Manager, _) => PermissionScope.Group,
        (Agent, PermissionKind.Admin) => null,
        (Agent, _) => permission.Name.EndsWith(".delete", StringComparison.Ordinal) ? null : PermissionScope.Own,
        (Viewer, PermissionKind.DataRead) => PermissionScope.All,
        _ => null,
    };
}
