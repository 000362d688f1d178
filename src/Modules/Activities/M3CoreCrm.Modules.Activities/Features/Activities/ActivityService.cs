using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Activities.Contracts;
using M3CoreCrm.Modules.Activities.Data;
using M3CoreCrm.Modules.Activities.Domain;
using M3CoreCrm.Modules.Activities.Features.Shared;
using M3CoreCrm.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Activities.Features.Activities;

/// <summary>
/// The activity use cases. An activity is visible when the permission's scope covers its owner; otherwise it does not
/// exist (404). Targets and participants are checked through the other modules' Contracts before anything is written.
/// </summary>
internal sealed class ActivityService(
    ActivitiesDbContext db,
    AccessScope access,
    ICurrentActor actor,
    IUserDirectory users,
    TargetRecords targets,
    TimeProvider clock,
    IValidator<ActivityInput> validator)
{
    /// <summary>occurredAt (newest first by default) and createdAt; the id breaks ties.</summary>
    internal static readonly SortCatalog<Activity> Sorts = new(
        SortField<Activity>.For("id", a => a.Id),
        "-occurredAt",
        SortField<Activity>.For("occurredAt", a => a.OccurredAt),
        SortField<Activity>.For("createdAt", a => a.CreatedAt));

    public DateTimeOffset Now => Invariants.Stored(clock.GetUtcNow());

    public async Task<IQueryable<Activity>> VisibleAsync(string permission, CancellationToken ct, bool includeDeleted = false)
    {
        var scope = await access.OwnerFilterAsync<Activity>(permission, a => a.OwnerId, ct);
        return db.Activities.IncludingDeleted(includeDeleted).Where(scope);
    }

    public async Task<Activity> FindAsync(Guid id, string permission, CancellationToken ct, bool includeDeleted = false) =>
        await (await VisibleAsync(permission, ct, includeDeleted)).FindOrNotFoundAsync(id, "activity", ct);

    public async Task<Page<ActivityResponse>> ListAsync(ActivityListQuery filter, PageQuery page, CursorCodec cursors, CancellationToken ct)
    {
        var sort = Sorts.Parse(page.Sort);
        var query = (await VisibleAsync(ActivitiesPermissions.ActivitiesRead, ct)).AsNoTracking();
        if (filter.OccurredFrom is { } f && filter.OccurredTo is { } t && f > t)
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["occurredFrom"] = ["occurredFrom must not be after occurredTo."] });
        }

        if (EnumQuery.Parse<ActivityType>(filter.Type, "type") is { } type)
        {
            query = query.Where(a => a.Type == type);
        }

        if (filter.TargetType is not null || filter.TargetId is not null)
        {
            var (targetType, targetId) = TargetFilter(filter.TargetType, filter.TargetId);
            query = query.Where(a => db.ActivityTargets.Any(x => x.ActivityId == a.Id && x.TargetType == targetType && x.TargetId == targetId));
        }

        if (filter.OwnerId is { } ownerId)
        {
            query = query.Where(a => a.OwnerId == ownerId);
        }

        if (filter.OccurredFrom is { } from)
        {
            query = query.Where(a => a.OccurredAt >= from);
        }

        if (filter.OccurredTo is { } to)
        {
            query = query.Where(a => a.OccurredAt < to);
        }

        var rows = await Keyset.PageAsync(query, sort, page, cursors, a => a, ct);
        var live = await targets.LiveAsync(rows.Items.SelectMany(a => a.Targets.Select(x => x.Ref)), ct);
        return new Page<ActivityResponse>(rows.Items.Select(a => ActivityResponse.From(a, live)).ToList(), rows.NextCursor, rows.Total);
    }

    /// <summary>Both or neither of targetType and targetId; the type must be a target type.</summary>
    internal static (string Type, Guid Id) TargetFilter(string? type, Guid? id)
    {
        var normalized = TargetRecords.Normalize(type);
        if (normalized is null || id is null)
        {
            throw Problems.Validation(new Dictionary<string, string[]>
            {
                ["targetType"] = ["targetType (lead, contact, company, deal or unit) and targetId go together."],
            });
        }

        return (normalized, id.Value);
    }

    public async Task<ActivityResponse> ResponseAsync(Activity activity, CancellationToken ct) =>
        ActivityResponse.From(activity, await targets.LiveAsync(activity.Targets.Select(t => t.Ref), ct));

    /// <summary>Validates the input and its references; the caller adds and saves.</summary>
    public async Task<Activity> NewAsync(ActivityInput input, Guid? taskId, CancellationToken ct)
    {
        await validator.EnsureValidAsync(input, ct);
        var details = input.ToDetails();
        await CheckReferencesAsync(details, null, ct);
        return Activity.Create(details, actor.UserId, taskId, Now);
    }

    public async Task<Activity> CreateAsync(ActivityInput input, CancellationToken ct)
    {
        var activity = await NewAsync(input, null, ct);
        db.Activities.Add(activity);
        await db.SaveChangesAsync(ct);
        return activity;
    }

    public async Task PatchAsync(Activity activity, JsonElement patch, CancellationToken ct)
    {
        var before = activity.Details();
        var input = MergePatch.Apply(ActivityInput.From(activity), patch);
        await validator.EnsureValidAsync(input, ct);
        var details = input.ToDetails();
        await CheckReferencesAsync(details, before, ct);
        activity.Apply(details, Now);
        await db.SaveChangesAsync(ct);
    }

    public Task DeleteAsync(Activity activity, CancellationToken ct) => db.SoftDeleteAsync(activity, Now, ct);

    public Task RestoreAsync(Activity activity, CancellationToken ct) => db.RestoreAsync(activity, Now, ct);

    /// <summary>
    /// New targets and participants must exist in the tenant; ones already on the activity are not rechecked (a
    /// target deleted since stays, marked, and an edit of the subject does not fail because of it).
    /// </summary>
    private async Task CheckReferencesAsync(ActivityDetails details, ActivityDetails? before, CancellationToken ct)
    {
        var added = details.Targets.Except(before?.Targets ?? []).ToList();
        await targets.EnsureExistAsync(added, "targets", ct);

        var newUsers = details.ParticipantUserIds.Except(before?.ParticipantUserIds ?? []).Distinct().ToList();
        if (newUsers.Count > 0)
        {
            var active = await users.ActiveUsersAsync(newUsers, ct);
            var unknown = newUsers.Where(id => !active.Contains(id)).Select(id => $"No active user {id} exists.").ToArray();
            if (unknown.Length > 0)
            {
                throw Problems.Validation(new Dictionary<string, string[]> { ["participantUserIds"] = unknown });
            }
        }

        var newContacts = details.ParticipantContactIds.Except(before?.ParticipantContactIds ?? []).Distinct()
            .Select(id => new TargetRef(ActivityTargetTypes.Contact, id)).ToList();
        await targets.EnsureExistAsync(newContacts, "participantContactIds", ct);
    }
}
