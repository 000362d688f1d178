using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Deals.Domain;

/// <summary>The validated editable state of a deal (everything but its place in the pipeline and its outcome).</summary>
internal sealed record DealDetails(
    string Title,
    decimal Amount,
    string Currency,
    DateOnly? ExpectedCloseDate,
    Guid? OwnerId,
    Guid? ContactId,
    Guid? CompanyId,
    Guid? SourceLeadId,
    IReadOnlyList<Guid> UnitIds);

/// <summary>
/// A sale in progress: an amount in a currency, moving through the stages of one pipeline until it is won or lost.
/// Invariants kept here: its status always equals the kind of its stage (open stages hold open deals; winning or
/// losing moves it into the pipeline's won or lost stage); only open deals move; only closed deals reopen; every
/// change of stage yields a history row and restarts the stage clock (which rotting is measured against).
/// </summary>
internal sealed class Deal : ITenantOwned, IEntity, IRestorable
{
    private Deal()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Title { get; private set; } = null!;

    public Guid PipelineId { get; private set; }

    public Guid StageId { get; private set; }

    public decimal Amount { get; private set; }

    /// <summary>ISO 4217 code of <see cref="Amount"/>.</summary>
    public string Currency { get; private set; } = null!;

    public DateOnly? ExpectedCloseDate { get; private set; }

    /// <summary>The expected close date, or 9999-12-31 when unknown: a non-null key for sorting (a stored generated column).</summary>
    [NotAudited]
    public DateOnly ExpectedCloseSort { get; private set; }

    public Guid? OwnerId { get; private set; }

    public Guid? ContactId { get; private set; }

    public Guid? CompanyId { get; private set; }

    public Guid? SourceLeadId { get; private set; }

    /// <summary>Inventory units the buyer is interested in (ids of Inventory's units).</summary>
    public List<Guid> UnitIds { get; private set; } = [];

    public DealStatus Status { get; private set; }

    public string? LostReason { get; private set; }

    /// <summary>When the deal entered its current stage.</summary>
    public DateTimeOffset StageEnteredAt { get; private set; }

    /// <summary>When it was won or lost; null while open.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public uint Version { get; private set; }

    /// <summary>A new open deal in an open stage, and its first history row.</summary>
    public static (Deal Deal, DealStageChange Change) Create(DealDetails details, PipelineStage stage, Guid? actorId, DateTimeOffset now)
    {
        if (stage.Kind != PipelineStageKind.Open)
        {
            throw UseWinOrLose();
        }

        var at = Timestamps.Stored(now);
        var deal = new Deal
        {
            Id = Guid.CreateVersion7(),
            PipelineId = stage.PipelineId,
            StageId = stage.Id,
            Status = DealStatus.Open,
            StageEnteredAt = at,
            CreatedAt = at,
        };
        deal.Set(details, at);
        return (deal, DealStageChange.Record(deal, stage, DealStageAction.Created, null, null, actorId, at));
    }

    public DealDetails Details() =>
        new(Title, Amount, Currency, ExpectedCloseDate, OwnerId, ContactId, CompanyId, SourceLeadId, UnitIds.ToList());

    public void Apply(DealDetails details, DateTimeOffset now)
    {
        var current = Details();
        if (current with { UnitIds = details.UnitIds } == details && current.UnitIds.SequenceEqual(details.UnitIds))
        {
            return;
        }

        Set(details, Timestamps.Stored(now));
    }

    /// <summary>Moves an open deal to another open stage (of this or another pipeline); null when it is already there.</summary>
    public DealStageChange? MoveTo(PipelineStage stage, Guid? actorId, DateTimeOffset now)
    {
        EnsureOpen("moved");
        if (stage.Kind != PipelineStageKind.Open)
        {
            throw UseWinOrLose();
        }

        return stage.Id == StageId ? null : Enter(stage, DealStageAction.Moved, actorId, now);
    }

    public DealStageChange Win(PipelineStage wonStage, Guid? actorId, DateTimeOffset now)
    {
        EnsureOpen("won");
        var change = Enter(wonStage, DealStageAction.Won, actorId, now);
        Status = DealStatus.Won;
        ClosedAt = change.At;
        return change;
    }

    public DealStageChange Lose(PipelineStage lostStage, string reason, Guid? actorId, DateTimeOffset now)
    {
        EnsureOpen("lost");
        var change = Enter(lostStage, DealStageAction.Lost, actorId, now);
        change.Reason = reason;
        Status = DealStatus.Lost;
        LostReason = reason;
        ClosedAt = change.At;
        return change;
    }

    /// <summary>Puts a won or lost deal back into an open stage of its pipeline.</summary>
    public DealStageChange Reopen(PipelineStage stage, Guid? actorId, DateTimeOffset now)
    {
        if (Status == DealStatus.Open)
        {
            throw Problems.Conflict("deal.not_closed", "The deal is open; only a won or lost deal can be reopened.");
        }

        if (stage.Kind != PipelineStageKind.Open || stage.PipelineId != PipelineId)
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["stageId"] = ["A deal reopens into an open stage of its own pipeline."] });
        }

        var change = Enter(stage, DealStageAction.Reopened, actorId, now);
        Status = DealStatus.Open;
        LostReason = null;
        ClosedAt = null;
        return change;
    }

    public void SoftDelete(DateTimeOffset now)
    {
        DeletedAt = Timestamps.Stored(now);
        UpdatedAt = Timestamps.Stored(now);
    }

    public void Restore(DateTimeOffset now)
    {
        DeletedAt = null;
        UpdatedAt = Timestamps.Stored(now);
    }

    private DealStageChange Enter(PipelineStage stage, DealStageAction action, Guid? actorId, DateTimeOffset now)
    {
        var at = Timestamps.Stored(now);
        var (fromPipeline, fromStage) = (PipelineId, StageId);
        PipelineId = stage.PipelineId;
        StageId = stage.Id;
        StageEnteredAt = at;
        UpdatedAt = at;
        return DealStageChange.Record(this, stage, action, fromPipeline, fromStage, actorId, at);
    }

    private void EnsureOpen(string verb)
    {
        if (Status != DealStatus.Open)
        {
            var state = Status == DealStatus.Won ? "won" : "lost";
            throw Problems.Conflict("deal.closed", $"The deal is already {state} and cannot be {verb}; reopen it first.");
        }
    }

    private void Set(DealDetails details, DateTimeOffset at)
    {
        if (details.Amount < 0)
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["amount"] = ["amount must not be negative."] });
        }

        Title = details.Title.Trim();
        Amount = details.Amount;
        Currency = details.Currency;
        ExpectedCloseDate = details.ExpectedCloseDate;
        OwnerId = details.OwnerId;
        ContactId = details.ContactId;
        CompanyId = details.CompanyId;
        SourceLeadId = details.SourceLeadId;
        if (!UnitIds.SequenceEqual(details.UnitIds))
        {
            UnitIds = details.UnitIds.ToList();
        }

        UpdatedAt = at;
    }

    private static ApiProblemException UseWinOrLose() =>
        Problems.BadRequest("deal.use_win_or_lose", "A deal enters the won or lost stage only by POST /deals/{id}/win or /lose.");
}
