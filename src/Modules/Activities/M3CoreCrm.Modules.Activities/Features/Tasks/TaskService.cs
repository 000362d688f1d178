using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Activities.Data;
using M3CoreCrm.Modules.Activities.Domain;
using M3CoreCrm.Modules.Activities.Features.Activities;
using M3CoreCrm.Modules.Activities.Features.Shared;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Tenancy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Activities.Features.Tasks;

/// <summary>
/// The task use cases. A task is visible when the permission's scope covers its assignee; otherwise it does not exist
/// (404). Completing with logCall saves the task and the call activity in one SaveChanges (one transaction).
/// </summary>
internal sealed class TaskService(
    ActivitiesDbContext db,
    AccessScope access,
    ICurrentActor actor,
    ITenantContext tenant,
    ITenantDirectory tenants,
    IUserDirectory users,
    TargetRecords targets,
    TimeProvider clock,
    IValidator<TaskInput> validator)
{
    /// <summary>dueAt (soonest first by default) and createdAt; the id breaks ties.</summary>
    internal static readonly SortCatalog<TaskItem> Sorts = new(
        SortField<TaskItem>.For("id", t => t.Id),
        "dueAt",
        SortField<TaskItem>.For("dueAt", t => t.DueAt),
        SortField<TaskItem>.For("createdAt", t => t.CreatedAt));

    public DateTimeOffset Now => Invariants.Stored(clock.GetUtcNow());

    public async Task<IQueryable<TaskItem>> VisibleAsync(string permission, CancellationToken ct, bool includeDeleted = false)
    {
        var scope = await access.OwnerFilterAsync<TaskItem>(permission, t => t.AssigneeId, ct);
        return db.Tasks.IncludingDeleted(includeDeleted).Where(scope);
    }

    public async Task<TaskItem> FindAsync(Guid id, string permission, CancellationToken ct, bool includeDeleted = false) =>
        await (await VisibleAsync(permission, ct, includeDeleted)).FindOrNotFoundAsync(id, "task", ct);

    public async Task<Page<TaskResponse>> ListAsync(TaskListQuery filter, PageQuery page, CursorCodec cursors, CancellationToken ct)
    {
        if (filter.DueFrom is { } f && filter.DueTo is { } t && f > t)
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["dueFrom"] = ["dueFrom must not be after dueTo."] });
        }

        var query = (await VisibleAsync(ActivitiesPermissions.TasksRead, ct)).AsNoTracking();
        if (EnumQuery.Parse<TaskState>(filter.Status, "status") is { } status)
        {
            query = query.Where(t => t.Status == status);
        }

        if (filter.AssigneeId is { } assigneeId)
        {
            query = query.Where(t => t.AssigneeId == assigneeId);
        }

        if (filter.TargetType is not null || filter.TargetId is not null)
        {
            var (targetType, targetId) = ActivityService.TargetFilter(filter.TargetType, filter.TargetId);
            query = query.Where(t => db.TaskTargets.Any(x => x.TaskId == t.Id && x.TargetType == targetType && x.TargetId == targetId));
        }

        if (filter.DueFrom is { } from)
        {
            query = query.Where(t => t.DueAt >= from);
        }

        if (filter.DueTo is { } to)
        {
            query = query.Where(t => t.DueAt < to);
        }

        return await PageAsync(query, Sorts.Parse(page.Sort), page, cursors, ct);
    }

    /// <summary>
    /// The caller's open tasks, soonest due first: all, or overdue (due before now), today or week (from the start
    /// of today for 7 days) where "today" is the tenant's calendar day in its time zone.
    /// </summary>
    public async Task<Page<TaskResponse>> MineAsync(string? due, PageQuery page, CursorCodec cursors, CancellationToken ct)
    {
        var me = actor.UserId ?? throw Problems.Forbidden("task.user_only", "Only a user has tasks of their own.");
        var query = (await VisibleAsync(ActivitiesPermissions.TasksRead, ct)).AsNoTracking()
            .Where(t => t.AssigneeId == me && t.Status == TaskState.Open);
        var now = Now;
        switch (due?.Trim().ToLowerInvariant())
        {
            case null or "":
                break;
            case "overdue":
                query = query.Where(t => t.DueAt < now);
                break;
            case "today" or "week":
                var start = await StartOfTodayAsync(now, ct);
                var end = due.Trim().Equals("today", StringComparison.OrdinalIgnoreCase) ? start.Next(1) : start.Next(7);
                var (from, to) = (start.Utc, end.Utc);
                query = query.Where(t => t.DueAt >= from && t.DueAt < to);
                break;
            default:
                throw Problems.Validation(new Dictionary<string, string[]> { ["due"] = ["due is one of overdue, today, week."] });
        }

        return await PageAsync(query, Sorts.Parse(page.Sort), page, cursors, ct);
    }

    public async Task<TaskResponse> ResponseAsync(TaskItem task, CancellationToken ct, Guid? loggedActivityId = null) =>
        TaskResponse.From(task, await targets.LiveAsync(task.Targets.Select(t => t.Ref), ct), loggedActivityId);

    public async Task<TaskItem> CreateAsync(TaskInput input, CancellationToken ct)
    {
        await validator.EnsureValidAsync(input, ct);
        var details = input.ToDetails(input.AssigneeId ?? actor.UserId
            ?? throw Problems.Validation(new Dictionary<string, string[]> { ["assigneeId"] = ["Name an assignee."] }));
        await CheckAsync(details, null, ActivitiesPermissions.TasksCreate, ct);
        var task = TaskItem.Create(details, actor.UserId, Now);
        db.Tasks.Add(task);
        await db.SaveChangesAsync(ct);
        return task;
    }

    public async Task PatchAsync(TaskItem task, JsonElement patch, CancellationToken ct)
    {
        var before = task.Details();
        var input = MergePatch.Apply(TaskInput.From(task), patch);
        await validator.EnsureValidAsync(input, ct);
        var details = input.ToDetails(input.AssigneeId ?? before.AssigneeId);
        await CheckAsync(details, before, ActivitiesPermissions.TasksUpdate, ct);
        task.Apply(details, Now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Completes the task; with <paramref name="logCall"/> also logs a call on the task's live records, owned by the
    /// caller. Both are written by one SaveChanges, so they commit or fail together.
    /// </summary>
    public async Task<Activity?> CompleteAsync(TaskItem task, LogCallInput? logCall, CancellationToken ct)
    {
        var now = Now;
        task.Complete(actor.UserId, now);
        Activity? call = null;
        if (logCall is not null)
        {
            var live = await targets.LiveAsync(task.Targets.Select(t => t.Ref), ct);
            if (live.Count == 0)
            {
                throw Problems.BadRequest("task.no_live_targets", "Every record of this task has been deleted; a call cannot be logged on it.");
            }

            var details = new ActivityDetails(
                ActivityType.Call, task.Title, logCall.Body, now, logCall.DurationMinutes,
                logCall.Direction ?? ActivityDirection.Outbound, logCall.Outcome, [], [],
                task.Targets.Select(t => t.Ref).Where(live.Contains).ToList());
            call = Activity.Create(details, actor.UserId, task.Id, now);
            db.Activities.Add(call);
        }

        await db.SaveChangesAsync(ct);
        return call;
    }

    public async Task CancelAsync(TaskItem task, CancellationToken ct)
    {
        task.Cancel(Now);
        await db.SaveChangesAsync(ct);
    }

    public async Task ReopenAsync(TaskItem task, CancellationToken ct)
    {
        task.Reopen(Now);
        await db.SaveChangesAsync(ct);
    }

    public Task DeleteAsync(TaskItem task, CancellationToken ct) => db.SoftDeleteAsync(task, Now, ct);

    public Task RestoreAsync(TaskItem task, CancellationToken ct) => db.RestoreAsync(task, Now, ct);

    private async Task<Page<TaskResponse>> PageAsync(IQueryable<TaskItem> query, SortSpec<TaskItem> sort, PageQuery page, CursorCodec cursors, CancellationToken ct)
    {
        var rows = await Keyset.PageAsync(query, sort, page, cursors, t => t, ct);
        var live = await targets.LiveAsync(rows.Items.SelectMany(t => t.Targets.Select(x => x.Ref)), ct);
        return new Page<TaskResponse>(rows.Items.Select(t => TaskResponse.From(t, live)).ToList(), rows.NextCursor, rows.Total);
    }

    /// <summary>Assignee in the caller's scope (403) and active (400); new targets exist (400); due time sensible (400).</summary>
    private async Task CheckAsync(TaskDetails details, TaskDetails? before, string permission, CancellationToken ct)
    {
        if (before is null || details.DueAt != before.DueAt)
        {
            TaskItem.EnsureDue(details.DueAt, Now);
        }

        if (details.AssigneeId != before?.AssigneeId)
        {
            if (!await access.CoversAsync(permission, details.AssigneeId, ct))
            {
                throw Problems.Forbidden("task.assignee_out_of_scope", $"Your '{permission}' scope does not let you give tasks to user {details.AssigneeId}.");
            }

            if (!(await users.ActiveUsersAsync([details.AssigneeId], ct)).Contains(details.AssigneeId))
            {
                throw Problems.Validation(new Dictionary<string, string[]> { ["assigneeId"] = [$"No active user {details.AssigneeId} exists in this tenant."] });
            }
        }

        await targets.EnsureExistAsync(details.Targets.Except(before?.Targets ?? []).ToList(), "targets", ct);
    }

    private async Task<LocalDay> StartOfTodayAsync(DateTimeOffset now, CancellationToken ct)
    {
        var zoneId = (await tenants.FindAsync(tenant.RequiredTenantId, ct))?.TimeZone;
        TimeZoneInfo zone;
        try
        {
            zone = zoneId is { Length: > 0 } ? TimeZoneInfo.FindSystemTimeZoneById(zoneId) : TimeZoneInfo.Utc;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.Utc;
        }

        return new LocalDay(zone, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime));
    }

    /// <summary>A calendar day in a time zone; its start in UTC honours the zone's offset on that day.</summary>
    private sealed record LocalDay(TimeZoneInfo Zone, DateOnly Day)
    {
        public DateTimeOffset Utc
        {
            get
            {
                var midnight = Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
                while (Zone.IsInvalidTime(midnight))
                {
                    midnight = midnight.AddMinutes(30);
                }

                return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight)).ToUniversalTime();
            }
        }

        public LocalDay Next(int days) => this with { Day = Day.AddDays(days) };
    }
}
