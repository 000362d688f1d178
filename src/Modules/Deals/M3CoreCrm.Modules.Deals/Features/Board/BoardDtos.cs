using M3CoreCrm.Modules.Deals.Features.Deals;
using M3CoreCrm.Modules.Deals.Features.Pipelines;

namespace M3CoreCrm.Modules.Deals.Features.Board;

/// <summary>Count, total and probability-weighted amount of a group of deals in one currency (amounts never mix currencies).</summary>
internal sealed record DealAmountTotal(string Currency, int Count, decimal Total, decimal Weighted);

/// <summary>One column of the board: the stage, its figures per currency, and the first page of its deals.</summary>
internal sealed record DealBoardStage(
    PipelineStageResponse Stage,
    int Count,
    IReadOnlyList<DealAmountTotal> Totals,
    IReadOnlyList<DealResponse> Deals,
    string? NextCursor);

/// <summary>A pipeline's board: every stage in order, with the deals the caller may read.</summary>
internal sealed record DealBoardResponse(Guid PipelineId, string PipelineName, IReadOnlyList<DealBoardStage> Stages);

/// <summary>Board parameters: the pipeline (default: the default pipeline), an optional owner, and the page size and sort of each column.</summary>
internal sealed record DealBoardQuery(Guid? PipelineId, Guid? OwnerId, int? Limit, string? Sort);
