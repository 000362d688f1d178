using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Activities.Domain;

internal enum TaskPriority
{
    Low,
    Normal,
    High,
    Urgent,
}

internal enum TaskState
{
    Open,
    Done,
    Cancelled,
}

/// <summary>The validated editable state of a task.</summary>
internal sealed record TaskDetails(
    string Title,
    string? Description,
    DateTimeOffset DueAt,
    TaskPriority Priority,
    Guid AssigneeId,
    DateTimeOffset? ReminderAt,
    IReadOnlyList<TargetRef> Targets);

/// <summary>
/// A to-do with a due time for one user about one or more records. Invariants kept here: at least one target; the
/// reminder is not after the due time; the due time lies between 2000 and ten years ahead; status moves open → done
/// or cancelled and back to open only by reopening (which clears the completion).
/// </summary>
internal sealed class TaskItem : ITenantOwned, IEntity, IRestorable
{
    internal static readonly DateTimeOffset EarliestDue = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private TaskItem()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Title { get; private set; } = null!;

    public string? Description { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public TaskPriority Priority { get; private set; }

    public TaskState Status { get; private set; }

    public Guid AssigneeId { get; private set; }

    public DateTimeOffset? ReminderAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public Guid? CompletedBy { get; private set; }

    public Guid? CreatedBy { get; private set; }

    public List<TaskTarget> Targets { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public uint Version { get; private set; }

    public static TaskItem Create(TaskDetails details, Guid? createdBy, DateTimeOffset now)
    {
        var task = new TaskItem { Id = Guid.CreateVersion7(), Status = TaskState.Open, CreatedBy = createdBy, CreatedAt = now };
        task.Apply(details, now);
        return task;
    }

    public void Apply(TaskDetails details, DateTimeOffset now)
    {
        Invariants.EnsureTargets(details.Targets);
        EnsureDue(details.DueAt, now);
        if (details.ReminderAt is { } reminder && reminder > details.DueAt)
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["reminderAt"] = ["reminderAt must not be after dueAt."] });
        }

        Title = details.Title;
        Description = details.Description;
        DueAt = Invariants.Stored(details.DueAt);
        Priority = details.Priority;
        AssigneeId = details.AssigneeId;
        ReminderAt = Invariants.Stored(details.ReminderAt);
        Targets.RemoveAll(t => !details.Targets.Contains(t.Ref));
        foreach (var target in details.Targets.Distinct().Where(t => !Targets.Exists(e => e.Ref == t)))
        {
            Targets.Add(new TaskTarget(Id, target.Type, target.Id));
        }

        UpdatedAt = now;
    }

    public TaskDetails Details() => new(Title, Description, DueAt, Priority, AssigneeId, ReminderAt, Targets.Select(t => t.Ref).ToList());

    public static void EnsureDue(DateTimeOffset dueAt, DateTimeOffset now)
    {
        if (dueAt < EarliestDue || dueAt > now.AddYears(10))
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["dueAt"] = ["dueAt must lie between 2000-01-01 and ten years from now."] });
        }
    }

    public void Complete(Guid? by, DateTimeOffset now)
    {
        EnsureOpen("completed");
        Status = TaskState.Done;
        CompletedAt = now;
        CompletedBy = by;
        UpdatedAt = now;
    }

    public void Cancel(DateTimeOffset now)
    {
        EnsureOpen("cancelled");
        Status = TaskState.Cancelled;
        UpdatedAt = now;
    }

    public void Reopen(DateTimeOffset now)
    {
        if (Status == TaskState.Open)
        {
            throw Problems.Conflict("task.already_open", "The task is open; only a done or cancelled task can be reopened.");
        }

        Status = TaskState.Open;
        CompletedAt = null;
        CompletedBy = null;
        UpdatedAt = now;
    }

    /// <summary>Moves the target <paramref name="from"/> to <paramref name="to"/> (dropping it when <paramref name="to"/> is already a target).</summary>
    public void ReplaceTarget(TargetRef from, TargetRef to, DateTimeOffset now)
    {
        if (Targets.RemoveAll(t => t.Ref == from) > 0)
        {
            if (!Targets.Exists(t => t.Ref == to))
            {
                Targets.Add(new TaskTarget(Id, to.Type, to.Id));
            }

            UpdatedAt = now;
        }
    }

    public void SoftDelete(DateTimeOffset now)
    {
        DeletedAt ??= now;
        UpdatedAt = now;
    }

    public void Restore(DateTimeOffset now)
    {
        DeletedAt = null;
        UpdatedAt = now;
    }

    private void EnsureOpen(string what)
    {
        if (Status != TaskState.Open)
        {
            throw Problems.Conflict("task.not_open", $"The task is {Status.ToString().ToLowerInvariant()}; only an open task can be {what}.");
        }
    }
}

/// <summary>One record a task is attached to.</summary>
internal sealed class TaskTarget : ITenantOwned
{
    private TaskTarget()
    {
    }

    public TaskTarget(Guid taskId, string targetType, Guid targetId)
    {
        TaskId = taskId;
        TargetType = targetType;
        TargetId = targetId;
    }

    public Guid TenantId { get; private set; }

    public Guid TaskId { get; private set; }

    public string TargetType { get; private set; } = null!;

    public Guid TargetId { get; private set; }

    public TargetRef Ref => new(TargetType, TargetId);
}
