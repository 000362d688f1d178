using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Deals.Domain;

/// <summary>An open stage as a new pipeline or an added stage describes it.</summary>
internal sealed record StageDraft(string Name, int Probability, int? RottingDays);

/// <summary>
/// A sales pipeline: ordered stages that deals move through. Invariants kept here: the open stages come first (at
/// least one), then exactly one won and one lost stage; positions run 0..n-1; stage names are unique in the pipeline
/// (case-insensitive); won stages weigh 100% and lost ones 0%, and neither rots. Every stage change touches the
/// pipeline row, so its version (the ETag) guards the whole stage list against concurrent edits.
/// </summary>
internal sealed class Pipeline : ITenantOwned
{
    internal const int MaxStages = 30;
    internal const int MaxGroups = 50;

    private Pipeline()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; } = null!;

    /// <summary>The pipeline deals go to when none is named (one per tenant).</summary>
    public bool IsDefault { get; private set; }

    /// <summary>When not empty, only members of these groups (and pipeline managers) see the pipeline and its deals.</summary>
    public List<Guid> GroupIds { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public List<PipelineStage> Stages { get; private set; } = [];

    public IEnumerable<PipelineStage> Ordered => Stages.OrderBy(s => s.Position);

    public IEnumerable<PipelineStage> OpenStages => Ordered.Where(s => s.Kind == PipelineStageKind.Open);

    public PipelineStage WonStage => Stages.Single(s => s.Kind == PipelineStageKind.Won);

    public PipelineStage LostStage => Stages.Single(s => s.Kind == PipelineStageKind.Lost);

    public bool IsRestricted => GroupIds.Count > 0;

    public static Pipeline Create(
        string name, IReadOnlyList<StageDraft> openStages, string wonName, string lostName, IReadOnlyList<Guid> groupIds, bool isDefault, DateTimeOffset now)
    {
        if (openStages.Count == 0)
        {
            throw Invalid("stages", "A pipeline needs at least one open stage.");
        }

        if (openStages.Count + 2 > MaxStages)
        {
            throw Invalid("stages", $"A pipeline has at most {MaxStages} stages, won and lost included.");
        }

        var pipeline = new Pipeline
        {
            Id = Guid.CreateVersion7(),
            Name = name.Trim(),
            IsDefault = isDefault,
            GroupIds = groupIds.Distinct().ToList(),
            CreatedAt = Timestamps.Stored(now),
            UpdatedAt = Timestamps.Stored(now),
        };
        var position = 0;
        foreach (var draft in openStages)
        {
            pipeline.AddNew(draft.Name, PipelineStageKind.Open, draft.Probability, draft.RottingDays, position++);
        }

        pipeline.AddNew(wonName, PipelineStageKind.Won, 100, null, position++);
        pipeline.AddNew(lostName, PipelineStageKind.Lost, 0, null, position);
        return pipeline;
    }

    public PipelineStage? FindStage(Guid stageId) => Stages.FirstOrDefault(s => s.Id == stageId);

    public void Rename(string name, DateTimeOffset now)
    {
        if (Name != name.Trim())
        {
            Name = name.Trim();
            Touch(now);
        }
    }

    public void RestrictTo(IReadOnlyList<Guid> groupIds, DateTimeOffset now)
    {
        var distinct = groupIds.Distinct().ToList();
        if (!GroupIds.SequenceEqual(distinct))
        {
            GroupIds = distinct;
            Touch(now);
        }
    }

    public void MarkDefault(bool isDefault, DateTimeOffset now)
    {
        if (IsDefault != isDefault)
        {
            IsDefault = isDefault;
            Touch(now);
        }
    }

    /// <summary>Adds an open stage at <paramref name="position"/> among the open stages (default: after the last one).</summary>
    public PipelineStage AddStage(StageDraft draft, int? position, DateTimeOffset now)
    {
        if (Stages.Count >= MaxStages)
        {
            throw Problems.Conflict("pipeline.too_many_stages", $"A pipeline has at most {MaxStages} stages.");
        }

        var open = OpenStages.ToList();
        var at = position ?? open.Count;
        if (at < 0 || at > open.Count)
        {
            throw Invalid("position", $"position must be between 0 and {open.Count} (the open stages come first).");
        }

        var stage = AddNew(draft.Name, PipelineStageKind.Open, draft.Probability, draft.RottingDays, at);
        open.Insert(at, stage);
        Renumber(open);
        Touch(now);
        return stage;
    }

    /// <summary>Renames a stage and changes its probability and rotting days (fixed for won and lost stages).</summary>
    public void UpdateStage(PipelineStage stage, string name, int probability, int? rottingDays, DateTimeOffset now)
    {
        if (stage.Kind != PipelineStageKind.Open && (probability != stage.Probability || rottingDays is not null))
        {
            throw Invalid("probability", "Won stages weigh 100% and lost stages 0%, and closed stages never rot; only their name can change.");
        }

        EnsureUniqueName(name, stage);
        if (stage.Change(name.Trim(), probability, rottingDays))
        {
            Touch(now);
        }
    }

    /// <summary>Puts the stages in the given order: every stage once, the open ones before won and lost.</summary>
    public void Reorder(IReadOnlyList<Guid> stageIds, DateTimeOffset now)
    {
        if (stageIds.Count != Stages.Count || stageIds.Distinct().Count() != Stages.Count || stageIds.Any(id => FindStage(id) is null))
        {
            throw Invalid("stageIds", "stageIds must list every stage of the pipeline exactly once.");
        }

        var ordered = stageIds.Select(id => FindStage(id)!).ToList();
        var firstClosed = ordered.FindIndex(s => s.Kind != PipelineStageKind.Open);
        if (ordered.Skip(firstClosed).Any(s => s.Kind == PipelineStageKind.Open))
        {
            throw Invalid("stageIds", "The open stages come first; the won and lost stages stay at the end.");
        }

        if (ordered.Select(s => s.Id).SequenceEqual(Ordered.Select(s => s.Id)))
        {
            return;
        }

        Renumber(ordered);
        Touch(now);
    }

    /// <summary>Removes an open stage (never the last one); its deals must have been moved first.</summary>
    public void RemoveStage(PipelineStage stage, DateTimeOffset now)
    {
        if (stage.Kind != PipelineStageKind.Open)
        {
            throw Problems.Conflict("stage.closed_stage_required", "The won and lost stages of a pipeline cannot be removed.");
        }

        if (OpenStages.Count() == 1)
        {
            throw Problems.Conflict("stage.last_open_stage", "A pipeline keeps at least one open stage.");
        }

        Stages.Remove(stage);
        Renumber(Ordered.ToList());
        Touch(now);
    }

    /// <summary>Records a change of the pipeline or its stages (the version changes with it).</summary>
    public void Touch(DateTimeOffset now) => UpdatedAt = Timestamps.Stored(now);

    private PipelineStage AddNew(string name, PipelineStageKind kind, int probability, int? rottingDays, int position)
    {
        EnsureUniqueName(name, null);
        var stage = PipelineStage.Create(Id, name.Trim(), kind, probability, rottingDays, position);
        Stages.Add(stage);
        return stage;
    }

    /// <summary>Open stages in the given order, then won and lost (in their current order).</summary>
    private void Renumber(List<PipelineStage> order)
    {
        var all = order.Concat(Ordered.Where(s => !order.Contains(s))).ToList();
        var open = all.Where(s => s.Kind == PipelineStageKind.Open);
        var closed = all.Where(s => s.Kind != PipelineStageKind.Open);
        var position = 0;
        foreach (var stage in open.Concat(closed))
        {
            stage.MoveTo(position++);
        }
    }

    private void EnsureUniqueName(string name, PipelineStage? except)
    {
        var trimmed = name.Trim();
        if (Stages.Any(s => s != except && string.Equals(s.Name, trimmed, StringComparison.OrdinalIgnoreCase)))
        {
            throw Problems.Conflict("stage.duplicate_name", $"The pipeline already has a stage named '{trimmed}'.");
        }
    }

    private static ApiProblemException Invalid(string field, string message) =>
        Problems.Validation(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>A column of a pipeline: its place, how likely its deals are to be won, and when they start to rot.</summary>
internal sealed class PipelineStage : ITenantOwned
{
    private PipelineStage()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid PipelineId { get; private set; }

    public string Name { get; private set; } = null!;

    public PipelineStageKind Kind { get; private set; }

    /// <summary>0-based place in the pipeline.</summary>
    public int Position { get; private set; }

    /// <summary>Win probability in percent (0-100): weighs the board's and the forecast's amounts.</summary>
    public int Probability { get; private set; }

    /// <summary>An open deal that stays longer than this many days in the stage is rotting; null: never.</summary>
    public int? RottingDays { get; private set; }

    public static PipelineStage Create(Guid pipelineId, string name, PipelineStageKind kind, int probability, int? rottingDays, int position) => new()
    {
        Id = Guid.CreateVersion7(),
        PipelineId = pipelineId,
        Name = name,
        Kind = kind,
        Probability = probability,
        RottingDays = rottingDays,
        Position = position,
    };

    /// <summary>Whether a deal that entered this stage at <paramref name="enteredAt"/> is rotting at <paramref name="now"/>.</summary>
    public bool IsRotting(DateTimeOffset enteredAt, DateTimeOffset now) =>
        Kind == PipelineStageKind.Open && RottingDays is { } days && enteredAt < RottingThreshold(days, now);

    /// <summary>Deals that entered before this instant have stayed longer than <paramref name="days"/> days.</summary>
    public static DateTimeOffset RottingThreshold(int days, DateTimeOffset now) => now.AddDays(-days);

    internal bool Change(string name, int probability, int? rottingDays)
    {
        if (Name == name && Probability == probability && RottingDays == rottingDays)
        {
            return false;
        }

        Name = name;
        Probability = probability;
        RottingDays = rottingDays;
        return true;
    }

    internal void MoveTo(int position) => Position = position;
}
