using M3CoreCrm.BuildingBlocks.Authorization;

namespace M3CoreCrm.Modules.Inventory;

/// <summary>
/// Permissions of the Inventory module. Inventory has no owner: reading is a data read, changing the catalogue
/// (projects, buildings, units, blocks) is administration, holds and reservations are the agents' data writes.
/// </summary>
internal static class InventoryPermissions
{
    internal const string Read = "inventory.read";
    internal const string Manage = "inventory.manage";
    internal const string Hold = "inventory.hold";
    internal const string Reserve = "inventory.reserve";

    internal static readonly PermissionDefinition[] All =
    [
        new(Read, "List and read projects, buildings, units, their history, reservations and stats.", PermissionKind.DataRead),
        new(Manage, "Create, change, delete and restore projects, buildings and units; generate units; block and unblock units.", PermissionKind.Admin),
        new(Hold, "Hold units for a lead, contact or deal, and release holds.", PermissionKind.DataWrite),
        new(Reserve, "Reserve units for a deal and cancel reservations.", PermissionKind.DataWrite),
    ];
}
