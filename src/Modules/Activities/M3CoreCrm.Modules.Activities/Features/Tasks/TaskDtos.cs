using M3CoreCrm.Modules.Activities.Domain;
using M3CoreCrm.Modules.Activities.Features.Activities;

namespace M3CoreCrm.Modules.Activities.Features.Tasks;

/// <summary>
/// A task to create, and the editable representation its merge patch applies to. dueAt between 2000-01-01 and ten
/// years ahead; reminderAt between 2000-01-01 and dueAt; assigneeId defaults to the caller; priority to normal; 1 to 20 targets.
/// Status changes only through complete, cancel and reopen.
/// </summary>
internal sealed record TaskInput(
    string? Title,
    string? Description,
    DateTimeOffset? DueAt,
    TaskPriority? Priority,
    Guid? AssigneeId,
    DateTimeOffset? ReminderAt,
    IReadOnlyList<TargetInput>? Targets)
{
    public static TaskInput From(TaskItem t) => new(
        t.Title, t.Description, t.DueAt, t.Priority, t.AssigneeId, t.ReminderAt,
        t.Targets.Select(x => new TargetInput(x.TargetType, x.TargetId)).ToList());

    public TaskDetails ToDetails(Guid assigneeId) => new(
        Title!.Trim(), Description, DueAt!.Value, Priority ?? TaskPriority.Normal, assigneeId, ReminderAt,
        ActivityInput.TargetRefs(Targets));
}

/// <summary>Completes a task; with logCall, a call activity on the task's records is logged in the same transaction.</summary>
internal sealed record CompleteTaskRequest(LogCallInput? LogCall);

/// <summary>The call to log: outcome, duration in minutes (≥ 0), notes, direction (default outbound).</summary>
internal sealed record LogCallInput(ActivityOutcome? Outcome, int? DurationMinutes, string? Body, ActivityDirection? Direction);

internal sealed record TaskResponse(
    Guid Id,
    string Title,
    string? Description,
    DateTimeOffset DueAt,
    TaskPriority Priority,
    TaskState Status,
    Guid AssigneeId,
    DateTimeOffset? ReminderAt,
    DateTimeOffset? CompletedAt,
    Guid? CompletedBy,
    IReadOnlyList<TargetResponse> Targets,
    Guid? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt,
    Guid? LoggedActivityId = null)
{
    public static TaskResponse From(TaskItem t, IReadOnlySet<TargetRef> live, Guid? loggedActivityId = null) => new(
        t.Id, t.Title, t.Description, t.DueAt, t.Priority, t.Status, t.AssigneeId, t.ReminderAt, t.CompletedAt, t.CompletedBy,
        t.Targets.OrderBy(x => x.TargetType, StringComparer.Ordinal).ThenBy(x => x.TargetId)
            .Select(x => new TargetResponse(x.TargetType, x.TargetId, !live.Contains(x.Ref))).ToList(),
        t.CreatedBy, t.CreatedAt, t.UpdatedAt, t.DeletedAt, loggedActivityId);
}

/// <summary>Filters of the task list: status, assigneeId, targetType+targetId, dueFrom/dueTo.</summary>
internal sealed record TaskListQuery(
    string? Status,
    Guid? AssigneeId,
    string? TargetType,
    Guid? TargetId,
    DateTimeOffset? DueFrom,
    DateTimeOffset? DueTo);

/// <summary>due: overdue (open and due before now), today or week (the next 7 days from the start of today) in the tenant's time zone.</summary>
internal sealed record MyTasksQuery(string? Due);
