namespace M3CoreCrm.Modules.Deals.Contracts;

/// <summary>A deal's stage history for other modules (the record timeline), read in the caller's permissions.</summary>
public interface IDealStageHistory
{
    /// <summary>
    /// Up to <paramref name="limit"/> stage moves of the deal, newest first (at, then id, descending), strictly
    /// older than <paramref name="before"/> when given. Empty when the deal is not a live deal of the tenant the
    /// caller may read (deals.read and its owner scope, visible pipelines), or when the caller lacks deals.read.
    /// </summary>
    Task<IReadOnlyList<DealStageMove>> PageAsync(Guid dealId, DealStageMoveKey? before, int limit, CancellationToken cancellationToken);
}

/// <summary>The keyset position of a stage move: its time and id.</summary>
public sealed record DealStageMoveKey(DateTimeOffset At, Guid Id);

/// <summary>
/// One change of a deal's stage: action is created, moved, won, lost, reopened or stageRemoved; stage names are
/// as they were at the move (a stage renamed or removed since keeps its old name here); from is null for the created
/// row; reason is a lost deal's reason.
/// </summary>
public sealed record DealStageMove(
    Guid Id,
    Guid DealId,
    string Action,
    Guid? FromPipelineId,
    Guid? FromStageId,
    string? FromStageName,
    Guid ToPipelineId,
    Guid ToStageId,
    string? ToStageName,
    DateTimeOffset At,
    Guid? ChangedBy,
    string? Reason);
