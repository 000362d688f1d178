using M3CoreCrm.Modules.Deals.Domain;

namespace M3CoreCrm.Modules.Deals.Features.Pipelines;

/// <summary>A stage as the API shows it. position is 0-based; probability is in percent; rottingDays null: never rots.</summary>
internal sealed record PipelineStageResponse(Guid Id, string Name, PipelineStageKind Kind, int Position, int Probability, int? RottingDays)
{
    public static PipelineStageResponse From(PipelineStage stage) =>
        new(stage.Id, stage.Name, stage.Kind, stage.Position, stage.Probability, stage.RottingDays);
}

/// <summary>A pipeline with its stages in order. groupIds empty: everyone sees it.</summary>
internal sealed record PipelineResponse(
    Guid Id,
    string Name,
    bool IsDefault,
    IReadOnlyList<Guid> GroupIds,
    IReadOnlyList<PipelineStageResponse> Stages,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static PipelineResponse From(Pipeline pipeline) => new(
        pipeline.Id,
        pipeline.Name,
        pipeline.IsDefault,
        pipeline.GroupIds,
        pipeline.Ordered.Select(PipelineStageResponse.From).ToList(),
        pipeline.CreatedAt,
        pipeline.UpdatedAt);
}

/// <summary>An open stage's editable fields: the items of a new pipeline, and what a stage merge patch applies to.</summary>
internal sealed record PipelineStageInput(string Name, int Probability, int? RottingDays)
{
    public StageDraft ToDraft() => new(Name.Trim(), Probability, RottingDays);
}

/// <summary>
/// A new pipeline: its open stages in order (the won and lost stages are added at the end, named "Won" and "Lost"
/// unless said otherwise), the groups it is restricted to, and whether it becomes the default pipeline.
/// </summary>
internal sealed record CreatePipelineRequest(
    string Name,
    IReadOnlyList<PipelineStageInput> Stages,
    string? WonStageName,
    string? LostStageName,
    IReadOnlyList<Guid>? GroupIds,
    bool? IsDefault);

/// <summary>A pipeline's editable fields, what its merge patch applies to. isDefault can only be switched on.</summary>
internal sealed record PipelineInput(string Name, IReadOnlyList<Guid>? GroupIds, bool IsDefault);

/// <summary>An open stage to add; position is its place among the open stages (default: after the last one).</summary>
internal sealed record AddPipelineStageRequest(string Name, int Probability, int? RottingDays, int? Position);

/// <summary>Every stage id of the pipeline in the new order; the open stages first.</summary>
internal sealed record ReorderPipelineStagesRequest(IReadOnlyList<Guid> StageIds);
