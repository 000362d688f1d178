using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.Modules.Activities.Contracts;
using M3CoreCrm.Modules.Activities.Data;
using M3CoreCrm.Modules.Activities.Domain;
using M3CoreCrm.Modules.Activities.Features.Activities;
using M3CoreCrm.Modules.Activities.Features.Tasks;
using M3CoreCrm.Modules.Deals.Contracts;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Activities.Features.Timeline;

/// <summary>
/// The timeline of a record (GET /api/v1/timeline/{entityType}/{id}): its's activities, tasks, audit changes and (deals) stage moves as
/// one newest-first stream, keyset-paged on (at, id) descending. Each source is read from its own index up to
/// limit + 1 rows after the cursor and the streams are merged, so every page costs at most four bounded index scans
/// however deep it is. Activities and tasks are filtered by the caller's scopes (activities.read by owner, tasks.read
/// by assignee; tasks are left out without tasks.read); field changes are shown only to holders of audit.read, since
/// the record's own visibility rules live in its module; stage moves come from Deals' <see cref="IDealStageHistory"/>,
/// which shows them only when the caller may read the deal (deals.read scope, visible pipeline). 404 when the record
/// does not exist (live) in the tenant or the caller may not read it.
/// </summary>
internal sealed class TimelineQueries(
    ActivitiesDbContext db,
    ActivityService activities,
    TaskService tasks,
    TargetRecords targets,
    IDealStageHistory history,
    AccessScope access,
    CursorCodec cursors)
{
    private const string CursorSort = "timeline";

    private static readonly SortCatalog<Activity> ActivityOrder = new(SortField<Activity>.For("id", a => a.Id), "-at", SortField<Activity>.For("at", a => a.OccurredAt));

    private static readonly SortCatalog<TaskItem> TaskOrder = new(SortField<TaskItem>.For("id", t => t.Id), "-at", SortField<TaskItem>.For("at", t => t.CreatedAt));

    private static readonly SortCatalog<AuditEntry> ChangeOrder = new(SortField<AuditEntry>.For("id", e => e.Id), "-at", SortField<AuditEntry>.For("at", e => e.OccurredAt));

    public async Task<Page<TimelineItem>> GetAsync(string entityType, Guid id, int? limit, string? cursor, CancellationToken ct)
    {
        var type = TargetRecords.Normalize(entityType)
            ?? throw Problems.Validation(new Dictionary<string, string[]> { ["entityType"] = [$"'{entityType}' is not one of lead, contact, company, deal, unit."] });
        var record = new TargetRef(type, id);
        if (!(await targets.LiveAsync([record], ct)).Contains(record))
        {
            throw Problems.NotFound(type, id);
        }

        var page = new PageQuery { Limit = limit, Cursor = cursor };
        var take = page.EffectiveLimit;
        var after = cursor is { Length: > 0 } ? cursors.Decode(cursor, CursorSort) : null;
        var permissions = await access.PermissionsAsync(ct);

        var activityQuery = (await activities.VisibleAsync(ActivitiesPermissions.ActivitiesRead, ct)).AsNoTracking()
            .Where(a => db.ActivityTargets.Any(x => x.ActivityId == a.Id && x.TargetType == type && x.TargetId == id));
        var activityRows = await Bounded(activityQuery, ActivityOrder, after, take).ToListAsync(ct);

        var taskRows = new List<TaskItem>();
        if (permissions.ScopeOf(ActivitiesPermissions.TasksRead) is not null)
        {
            var taskQuery = (await tasks.VisibleAsync(ActivitiesPermissions.TasksRead, ct)).AsNoTracking()
                .Where(t => db.TaskTargets.Any(x => x.TaskId == t.Id && x.TargetType == type && x.TargetId == id));
            taskRows = await Bounded(taskQuery, TaskOrder, after, take).ToListAsync(ct);
        }

        var changeRows = new List<AuditEntry>();
        if (permissions.ScopeOf(ActivitiesPermissions.AuditRead) is not null)
        {
            var entityId = id.ToString();
            var changeQuery = db.AuditEntries.AsNoTracking().Where(e => e.EntityType == type && e.EntityId == entityId);
            changeRows = await Bounded(changeQuery, ChangeOrder, after, take).ToListAsync(ct);
        }

        IReadOnlyList<DealStageMove> stageMoves = [];
        if (type == ActivityTargetTypes.Deal)
        {
            stageMoves = await history.PageAsync(id, StageMoveKey(after), take + 1, ct);
        }

        var live = await targets.LiveAsync(
            activityRows.SelectMany(a => a.Targets.Select(t => t.Ref)).Concat(taskRows.SelectMany(t => t.Targets.Select(x => x.Ref))), ct);
        var merged = activityRows.Select(a => new TimelineItem("activity", a.OccurredAt, a.Id, Activity: ActivityResponse.From(a, live)))
            .Concat(taskRows.Select(t => new TimelineItem("task", t.CreatedAt, t.Id, Task: TaskResponse.From(t, live))))
            .Concat(changeRows.Select(e => new TimelineItem("change", e.OccurredAt, e.Id, Change: ChangeOf(e))))
            .Concat(stageMoves.Select(m => new TimelineItem("stageMove", m.At, m.Id, StageMove: TimelineStageMove.From(m))))
            .OrderByDescending(i => i.At).ThenByDescending(i => i.Id)
            .ToList();
        var items = merged.Take(take).ToList();
        var next = merged.Count > take ? cursors.Encode(CursorSort, [items[^1].At, items[^1].Id]) : null;
        return new Page<TimelineItem>(items, next, null);
    }

    /// <summary>At least the first <paramref name="take"/> + 1 rows after the cursor, newest first (the merge trims).</summary>
    private static IQueryable<T> Bounded<T>(IQueryable<T> query, SortCatalog<T> order, IReadOnlyList<JsonElement>? after, int take)
    {
        var sort = order.Parse(null);
        return Keyset.TakeAtLeast(Keyset.Order(Keyset.After(query, sort, after), sort), take + 1);
    }

    /// <summary>The cursor's (at, id) for Deals' reader; the cursor is signed, so a value that does not parse is a bug, answered as a bad cursor.</summary>
    private static DealStageMoveKey? StageMoveKey(IReadOnlyList<JsonElement>? after)
    {
        if (after is null)
        {
            return null;
        }

        try
        {
            return new DealStageMoveKey(after[0].GetDateTimeOffset(), after[1].GetGuid());
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            throw Problems.BadRequest("paging.invalid_cursor", "The cursor is not one this API issued.");
        }
    }

    private static TimelineChange ChangeOf(AuditEntry e)
    {
        JsonElement? changes = null;
        if (e.Changes is { Length: > 0 } json)
        {
            using var document = JsonDocument.Parse(json);
            changes = document.RootElement.Clone();
        }

        return new TimelineChange(e.Action, e.ActorKind, e.ActorId, changes);
    }
}
