using M3CoreCrm.BuildingBlocks.Authorization;

namespace M3CoreCrm.Modules.Deals;

/// <summary>
/// Permissions of the Deals module. Deal permissions are scoped by the deal's owner (own, group, all); pipelines
/// have no owner: reading them is a data read, changing them is administration.
/// </summary>
internal static class DealsPermissions
{
    internal const string DealsRead = "deals.read";
    internal const string DealsCreate = "deals.create";
    internal const string DealsUpdate = "deals.update";
    internal const string DealsDelete = "deals.delete";
    internal const string DealsWin = "deals.win";
    internal const string PipelinesRead = "pipelines.read";
    internal const string PipelinesManage = "pipelines.manage";

    internal static readonly PermissionDefinition[] All =
    [
        new(DealsRead, "List and read deals, the board and the forecast.", PermissionKind.DataRead),
        new(DealsCreate, "Create deals.", PermissionKind.DataWrite),
        new(DealsUpdate, "Change deals and move them between stages.", PermissionKind.DataWrite),
        new(DealsDelete, "Delete and restore deals.", PermissionKind.DataWrite),
        new(DealsWin, "Win, lose and reopen deals.", PermissionKind.DataWrite),
        new(PipelinesRead, "List and read pipelines and their stages.", PermissionKind.DataRead),
        new(PipelinesManage, "Create and change pipelines and their stages, restrict them to groups; see every pipeline.", PermissionKind.Admin),
    ];
}
