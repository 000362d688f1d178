using M3CoreCrm.BuildingBlocks.Authorization;

namespace M3CoreCrm.Modules.Webhooks;

/// <summary>Permissions of the Webhooks module: subscriptions are the tenant's, so the permission has no narrower scope.</summary>
internal static class WebhooksPermissions
{
    internal const string Manage = "webhooks.manage";

    internal static readonly PermissionDefinition[] All =
    [
        new(Manage, "Manage webhook subscriptions, their secrets and deliveries.", PermissionKind.Admin),
    ];
}
