using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Deals.Domain;

/// <summary>
/// One row of a deal's stage history: where from, where to, when, by whom, and why. The stages' names are kept as
/// they were at the move, so a later rename or removal of a stage does not rewrite the deal's past.
/// </summary>
[NotAudited]
internal sealed class DealStageChange : ITenantOwned
{
    private DealStageChange()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid DealId { get; private set; }

    public DealStageAction Action { get; private set; }

    public Guid? FromPipelineId { get; private set; }

    public Guid? FromStageId { get; private set; }

    public Guid ToPipelineId { get; private set; }

    public Guid ToStageId { get; private set; }

    /// <summary>The name of the stage left, as it was then (null for the created row).</summary>
    public string? FromStageName { get; private set; }

    /// <summary>The name of the stage entered, as it was then (null only for rows older than the names).</summary>
    public string? ToStageName { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The user (or API key) that made the change; null for the system.</summary>
    public Guid? ChangedBy { get; private set; }

    /// <summary>The lost reason of a Lost row.</summary>
    public string? Reason { get; internal set; }

    internal static DealStageChange Record(Deal deal, PipelineStage to, DealStageAction action, Guid? fromPipelineId, Guid? fromStageId, Guid? actorId, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        DealId = deal.Id,
        Action = action,
        FromPipelineId = fromPipelineId,
        FromStageId = fromStageId,
        ToPipelineId = deal.PipelineId,
        ToStageId = deal.StageId,
        ToStageName = to.Name,
        At = at,
        ChangedBy = actorId,
    };

    /// <summary>Names the stage the deal left (the deal itself knows only the stage's id).</summary>
    internal DealStageChange LeavingStage(string? name)
    {
        FromStageName = name;
        return this;
    }

    /// <summary>The row of a deal moved in bulk out of a stage being removed (the move itself is one UPDATE).</summary>
    internal static DealStageChange StageRemoved(Guid dealId, PipelineStage from, PipelineStage to, Guid? actorId, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        DealId = dealId,
        Action = DealStageAction.StageRemoved,
        FromPipelineId = from.PipelineId,
        FromStageId = from.Id,
        FromStageName = from.Name,
        ToPipelineId = to.PipelineId,
        ToStageId = to.Id,
        ToStageName = to.Name,
        At = Timestamps.Stored(at),
        ChangedBy = actorId,
    };
}
