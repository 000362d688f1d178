using System.Text.Json;
using M3CoreCrm.Modules.Activities.Features.Activities;
using M3CoreCrm.Modules.Activities.Features.Tasks;
using M3CoreCrm.Modules.Deals.Contracts;

namespace M3CoreCrm.Modules.Activities.Features.Timeline;

/// <summary>
/// One entry of a record's timeline, typed by kind: activity (at = occurredAt), task (at = createdAt), change (an
/// audit row) or stageMove (a deal's stage history row; deals only). Exactly the property named by kind is set.
/// </summary>
internal sealed record TimelineItem(
    string Kind,
    DateTimeOffset At,
    Guid Id,
    ActivityResponse? Activity = null,
    TaskResponse? Task = null,
    TimelineChange? Change = null,
    TimelineStageMove? StageMove = null);

/// <summary>A field change of the record from the audit log: created, updated, deleted, restored, with {field: {old, new}}.</summary>
internal sealed record TimelineChange(string Action, string ActorKind, Guid? ActorId, JsonElement? Changes);

/// <summary>
/// A deal's change of stage: action (created, moved, won, lost, reopened, stageRemoved), from and to stage with
/// their current names (from is null on the created row), who made it (null: the system) and a lost reason.
/// </summary>
internal sealed record TimelineStageMove(
    string Action,
    Guid? FromPipelineId,
    Guid? FromStageId,
    string? FromStageName,
    Guid ToPipelineId,
    Guid ToStageId,
    string? ToStageName,
    Guid? ChangedBy,
    string? Reason)
{
    public static TimelineStageMove From(DealStageMove m) =>
        new(m.Action, m.FromPipelineId, m.FromStageId, m.FromStageName, m.ToPipelineId, m.ToStageId, m.ToStageName, m.ChangedBy, m.Reason);
}
