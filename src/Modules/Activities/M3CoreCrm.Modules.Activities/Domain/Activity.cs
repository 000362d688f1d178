using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Activities.Domain;

internal enum ActivityType
{
    Call,
    Meeting,
    SiteVisit,
    Note,
    Email,
    Sms,
    Whatsapp,
}

internal enum ActivityDirection
{
    Inbound,
    Outbound,
}

internal enum ActivityOutcome
{
    Answered,
    NoAnswer,
    Busy,
    LeftVoicemail,
    Interested,
    NotInterested,
    Callback,
    Completed,
    Cancelled,
    NoShow,
}

/// <summary>A record an activity or task is attached to: a lead, contact, company, deal or unit of another module.</summary>
internal sealed record TargetRef(string Type, Guid Id);

/// <summary>The validated editable state of an activity.</summary>
internal sealed record ActivityDetails(
    ActivityType Type,
    string? Subject,
    string? Body,
    DateTimeOffset OccurredAt,
    int? DurationMinutes,
    ActivityDirection? Direction,
    ActivityOutcome? Outcome,
    IReadOnlyList<Guid> ParticipantUserIds,
    IReadOnlyList<Guid> ParticipantContactIds,
    IReadOnlyList<TargetRef> Targets);

/// <summary>
/// Something that happened with one or more records: a call, meeting, site visit, note or message. Invariants kept
/// here: at least one target; duration never negative; occurred between 2000 and a year ahead (a meeting may be
/// logged ahead, nothing else that far); a direction only for calls and messages (email, sms, whatsapp); targets and
/// participants without repeats. The owner is the user who logged it.
/// </summary>
internal sealed class Activity : ITenantOwned, IEntity, IRestorable
{
    internal static readonly DateTimeOffset EarliestOccurred = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private Activity()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public ActivityType Type { get; private set; }

    public string? Subject { get; private set; }

    public string? Body { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public int? DurationMinutes { get; private set; }

    public ActivityDirection? Direction { get; private set; }

    public ActivityOutcome? Outcome { get; private set; }

    public List<Guid> ParticipantUserIds { get; private set; } = [];

    public List<Guid> ParticipantContactIds { get; private set; } = [];

    public Guid? OwnerId { get; private set; }

    /// <summary>The task whose completion logged this activity, if any.</summary>
    public Guid? TaskId { get; private set; }

    public List<ActivityTarget> Targets { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public uint Version { get; private set; }

    public static bool TakesDirection(ActivityType type) =>
        type is ActivityType.Call or ActivityType.Email or ActivityType.Sms or ActivityType.Whatsapp;

    public static Activity Create(ActivityDetails details, Guid? ownerId, Guid? taskId, DateTimeOffset now)
    {
        var activity = new Activity { Id = Guid.CreateVersion7(), OwnerId = ownerId, TaskId = taskId, CreatedAt = now };
        activity.Apply(details, now);
        return activity;
    }

    public void Apply(ActivityDetails details, DateTimeOffset now)
    {
        Invariants.EnsureTargets(details.Targets);
        if (details.DurationMinutes is < 0)
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["durationMinutes"] = ["durationMinutes must not be negative."] });
        }

        if (details.OccurredAt != OccurredAt)
        {
            EnsureOccurred(details.OccurredAt, now);
        }

        if (details.Direction is not null && !TakesDirection(details.Type))
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["direction"] = ["Only calls and messages (email, sms, whatsapp) have a direction."] });
        }

        Type = details.Type;
        Subject = details.Subject;
        Body = details.Body;
        OccurredAt = Invariants.Stored(details.OccurredAt);
        DurationMinutes = details.DurationMinutes;
        Direction = details.Direction;
        Outcome = details.Outcome;
        ParticipantUserIds = details.ParticipantUserIds.Distinct().ToList();
        ParticipantContactIds = details.ParticipantContactIds.Distinct().ToList();
        Targets.RemoveAll(t => !details.Targets.Contains(t.Ref));
        foreach (var target in details.Targets.Distinct().Where(t => !Targets.Exists(e => e.Ref == t)))
        {
            Targets.Add(new ActivityTarget(Id, target.Type, target.Id));
        }

        UpdatedAt = now;
    }

    public static void EnsureOccurred(DateTimeOffset occurredAt, DateTimeOffset now)
    {
        if (occurredAt < EarliestOccurred || occurredAt > now.AddYears(1))
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["occurredAt"] = ["occurredAt must lie between 2000-01-01 and a year from now."] });
        }
    }

    public ActivityDetails Details() => new(
        Type, Subject, Body, OccurredAt, DurationMinutes, Direction, Outcome, ParticipantUserIds, ParticipantContactIds,
        Targets.Select(t => t.Ref).ToList());

    /// <summary>A merged contact's place is taken by the survivor (as target and as participant).</summary>
    public void ReplaceContact(Guid merged, Guid survivor, DateTimeOffset now)
    {
        if (ParticipantContactIds.Contains(merged))
        {
            ParticipantContactIds = ParticipantContactIds.Select(id => id == merged ? survivor : id).Distinct().ToList();
            UpdatedAt = now;
        }
    }

    /// <summary>Moves the target <paramref name="from"/> to <paramref name="to"/> (dropping it when <paramref name="to"/> is already a target).</summary>
    public void ReplaceTarget(TargetRef from, TargetRef to, DateTimeOffset now)
    {
        if (Targets.RemoveAll(t => t.Ref == from) > 0)
        {
            if (!Targets.Exists(t => t.Ref == to))
            {
                Targets.Add(new ActivityTarget(Id, to.Type, to.Id));
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
}

/// <summary>One record an activity is attached to (its own table, indexed by record for the timeline).</summary>
internal sealed class ActivityTarget : ITenantOwned
{
    private ActivityTarget()
    {
    }

    public ActivityTarget(Guid activityId, string targetType, Guid targetId)
    {
        ActivityId = activityId;
        TargetType = targetType;
        TargetId = targetId;
    }

    public Guid TenantId { get; private set; }

    public Guid ActivityId { get; private set; }

    public string TargetType { get; private set; } = null!;

    public Guid TargetId { get; private set; }

    public TargetRef Ref => new(TargetType, TargetId);
}

internal static class Invariants
{
    internal const int MaxTargets = 20;

    public static void EnsureTargets(IReadOnlyList<TargetRef> targets)
    {
        if (targets.Count == 0)
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["targets"] = ["At least one target is required."] });
        }

        if (targets.Distinct().Count() > MaxTargets)
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["targets"] = [$"At most {MaxTargets} targets."] });
        }
    }

    /// <summary>PostgreSQL keeps microseconds: times are cut to that precision before they are stored or shown.</summary>
    public static DateTimeOffset Stored(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);

    public static DateTimeOffset? Stored(DateTimeOffset? time) => time is { } t ? Stored(t) : null;
}
