namespace M3CoreCrm.Modules.Deals.Domain;

/// <summary>Where a deal stands: in play, or closed as won or lost. Always equal to the kind of its stage.</summary>
internal enum DealStatus
{
    Open,
    Won,
    Lost,
}

/// <summary>A stage's kind: deals in play sit in open stages; a pipeline has exactly one won and one lost stage.</summary>
internal enum PipelineStageKind
{
    Open,
    Won,
    Lost,
}

/// <summary>Why a deal's stage changed, as its history records it.</summary>
internal enum DealStageAction
{
    Created,
    Moved,
    Won,
    Lost,
    Reopened,

    /// <summary>Its stage was removed from the pipeline and its deals moved to another stage.</summary>
    StageRemoved,
}
