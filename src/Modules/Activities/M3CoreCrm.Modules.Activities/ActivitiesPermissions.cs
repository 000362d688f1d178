using M3CoreCrm.BuildingBlocks.Authorization;

namespace M3CoreCrm.Modules.Activities;

/// <summary>Permissions of the Activities module: activities are scoped by their owner (who logged them), tasks by their assignee.</summary>
internal static class ActivitiesPermissions
{
    internal const string ActivitiesRead = "activities.read";
    internal const string ActivitiesCreate = "activities.create";
    internal const string ActivitiesUpdate = "activities.update";
    internal const string ActivitiesDelete = "activities.delete";
    internal const string TasksRead = "tasks.read";
    internal const string TasksCreate = "tasks.create";
    internal const string TasksUpdate = "tasks.update";
    internal const string TasksDelete = "tasks.delete";

    /// <summary>Identity's audit permission: field changes in a timeline are shown to its holders only.</summary>
    internal const string AuditRead = "audit.read";

    internal static readonly PermissionDefinition[] All =
    [
        new(ActivitiesRead, "List and read activities and record timelines.", PermissionKind.DataRead),
        new(ActivitiesCreate, "Log activities.", PermissionKind.DataWrite),
        new(ActivitiesUpdate, "Change activities.", PermissionKind.DataWrite),
        new(ActivitiesDelete, "Delete and restore activities.", PermissionKind.DataWrite),
        new(TasksRead, "List and read tasks.", PermissionKind.DataRead),
        new(TasksCreate, "Create tasks.", PermissionKind.DataWrite),
        new(TasksUpdate, "Change, complete, cancel and reopen tasks.", PermissionKind.DataWrite),
        new(TasksDelete, "Delete and restore tasks.", PermissionKind.DataWrite),
    ];
}
