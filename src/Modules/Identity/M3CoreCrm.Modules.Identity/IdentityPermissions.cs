using M3CoreCrm.BuildingBlocks.Authorization;

namespace M3CoreCrm.Modules.Identity;

/// <summary>Administrative permissions of the Identity module.</summary>
internal static class IdentityPermissions
{
    internal const string UsersRead = "users.read";
    internal const string UsersManage = "users.manage";
    internal const string RolesRead = "roles.read";
    internal const string RolesManage = "roles.manage";
    internal const string GroupsRead = "groups.read";
    internal const string GroupsManage = "groups.manage";
    internal const string ApiKeysManage = "apikeys.manage";
    internal const string AuditRead = "audit.read";
    internal const string TenantManage = "tenant.manage";

    internal static readonly PermissionDefinition[] All =
    [
        new(UsersRead, "List and read users.", PermissionKind.Admin),
        new(UsersManage, "Invite, change, disable users and reset their passwords.", PermissionKind.Admin),
        new(RolesRead, "List and read roles and their grants.", PermissionKind.Admin),
        new(RolesManage, "Create, change and delete custom roles.", PermissionKind.Admin),
        new(GroupsRead, "List and read groups.", PermissionKind.Admin),
        new(GroupsManage, "Create, change and delete groups and their members.", PermissionKind.Admin),
        new(ApiKeysManage, "Create and revoke API keys.", PermissionKind.Admin),
        new(AuditRead, "Read the audit log.", PermissionKind.Admin),
        new(TenantManage, "Change the tenant's settings.", PermissionKind.Admin),
    ];
}
