using M3CoreCrm.Modules.Activities.Domain;

namespace M3CoreCrm.Modules.Activities.Features.Activities;

/// <summary>A record to attach to: type is lead, contact, company, deal or unit.</summary>
internal sealed record TargetInput(string Type, Guid Id);

/// <summary>A target in a response; targetDeleted is true when the record no longer exists or the caller may not read it.</summary>
internal sealed record TargetResponse(string Type, Guid Id, bool TargetDeleted);

/// <summary>
/// An activity to log, and the editable representation its merge patch applies to. direction only for calls and
/// messages (email, sms, whatsapp); durationMinutes 0 to 1440; occurredAt from 2000 to a year ahead; 1 to 20 targets. The owner is the caller.
/// </summary>
internal sealed record ActivityInput(
    ActivityType? Type,
    string? Subject,
    string? Body,
    DateTimeOffset? OccurredAt,
    int? DurationMinutes,
    ActivityDirection? Direction,
    ActivityOutcome? Outcome,
    IReadOnlyList<Guid>? ParticipantUserIds,
    IReadOnlyList<Guid>? ParticipantContactIds,
    IReadOnlyList<TargetInput>? Targets)
{
    public static ActivityInput From(Activity a) => new(
        a.Type, a.Subject, a.Body, a.OccurredAt, a.DurationMinutes, a.Direction, a.Outcome,
        a.ParticipantUserIds, a.ParticipantContactIds, a.Targets.Select(t => new TargetInput(t.TargetType, t.TargetId)).ToList());

    public ActivityDetails ToDetails() => new(
        Type!.Value,
        Subject?.Trim() is { Length: > 0 } subject ? subject : null,
        Body,
        OccurredAt!.Value,
        DurationMinutes,
        Direction,
        Outcome,
        ParticipantUserIds ?? [],
        ParticipantContactIds ?? [],
        TargetRefs(Targets));

    internal static List<TargetRef> TargetRefs(IReadOnlyList<TargetInput>? targets) =>
        (targets ?? []).Select(t => new TargetRef(TargetRecords.Normalize(t.Type)!, t.Id)).Distinct().ToList();
}

internal sealed record ActivityResponse(
    Guid Id,
    ActivityType Type,
    string? Subject,
    string? Body,
    DateTimeOffset OccurredAt,
    int? DurationMinutes,
    ActivityDirection? Direction,
    ActivityOutcome? Outcome,
    IReadOnlyList<Guid> ParticipantUserIds,
    IReadOnlyList<Guid> ParticipantContactIds,
    IReadOnlyList<TargetResponse> Targets,
    Guid? OwnerId,
    Guid? TaskId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt)
{
    public static ActivityResponse From(Activity a, IReadOnlySet<TargetRef> live) => new(
        a.Id, a.Type, a.Subject, a.Body, a.OccurredAt, a.DurationMinutes, a.Direction, a.Outcome,
        a.ParticipantUserIds, a.ParticipantContactIds,
        a.Targets.OrderBy(t => t.TargetType, StringComparer.Ordinal).ThenBy(t => t.TargetId)
            .Select(t => new TargetResponse(t.TargetType, t.TargetId, !live.Contains(t.Ref))).ToList(),
        a.OwnerId, a.TaskId, a.CreatedAt, a.UpdatedAt, a.DeletedAt);
}

/// <summary>Filters of the activity list: targetType and targetId go together.</summary>
internal sealed record ActivityListQuery(
    string? Type,
    string? TargetType,
    Guid? TargetId,
    Guid? OwnerId,
    DateTimeOffset? OccurredFrom,
    DateTimeOffset? OccurredTo);
