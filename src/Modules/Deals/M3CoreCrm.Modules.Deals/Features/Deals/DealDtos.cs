using M3CoreCrm.Modules.Deals.Domain;

namespace M3CoreCrm.Modules.Deals.Features.Deals;

/// <summary>The editable fields every deal request shares (create, merge patch target, module registry).</summary>
internal interface IDealFields
{
    string Title { get; }

    decimal? Amount { get; }

    string? Currency { get; }

    DateOnly? ExpectedCloseDate { get; }

    Guid? OwnerId { get; }

    Guid? ContactId { get; }

    Guid? CompanyId { get; }

    Guid? SourceLeadId { get; }

    IReadOnlyList<Guid>? UnitIds { get; }
}

/// <summary>
/// A new deal. Without pipelineId the default pipeline is used (or the stage's pipeline when stageId is given);
/// without stageId its first open stage. amount defaults to 0 and currency to the tenant's default currency;
/// ownerId defaults to the caller.
/// </summary>
internal sealed record CreateDealRequest(
    string Title,
    Guid? PipelineId,
    Guid? StageId,
    decimal? Amount,
    string? Currency,
    DateOnly? ExpectedCloseDate,
    Guid? OwnerId,
    Guid? ContactId,
    Guid? CompanyId,
    Guid? SourceLeadId,
    IReadOnlyList<Guid>? UnitIds) : IDealFields;

/// <summary>
/// A deal's editable fields, what its merge patch applies to. The stage, status and lost reason change only through
/// move, win, lose and reopen; title, amount and currency cannot be cleared.
/// </summary>
internal sealed record DealInput(
    string Title,
    decimal? Amount,
    string? Currency,
    DateOnly? ExpectedCloseDate,
    Guid? OwnerId,
    Guid? ContactId,
    Guid? CompanyId,
    Guid? SourceLeadId,
    IReadOnlyList<Guid>? UnitIds) : IDealFields
{
    public static DealInput From(Deal deal) => new(
        deal.Title, deal.Amount, deal.Currency, deal.ExpectedCloseDate, deal.OwnerId, deal.ContactId, deal.CompanyId, deal.SourceLeadId, deal.UnitIds);
}

/// <summary>Move an open deal to an open stage; a stage of another pipeline needs that pipelineId too.</summary>
internal sealed record MoveDealRequest(Guid StageId, Guid? PipelineId);

/// <summary>Why the deal was lost (shown in reports and the history).</summary>
internal sealed record LoseDealRequest(string Reason);

/// <summary>
/// Reopen a closed deal into an open stage of its pipeline (default: the stage it was closed from). Its units are
/// booked again as the close left them; when one was taken since, 409 deal.units_taken lists them, and
/// <c>skipTakenUnits: true</c> reopens the deal anyway, booking only the free ones.
/// </summary>
internal sealed record ReopenDealRequest(Guid? StageId, bool? SkipTakenUnits);

/// <summary>
/// A deal as the API shows it. isRotting: open and in its stage for longer than the stage's rotting days (now by
/// the server's clock).
/// </summary>
internal sealed record DealResponse(
    Guid Id,
    string Title,
    Guid PipelineId,
    Guid StageId,
    string? StageName,
    decimal Amount,
    string Currency,
    DateOnly? ExpectedCloseDate,
    Guid? OwnerId,
    Guid? ContactId,
    Guid? CompanyId,
    Guid? SourceLeadId,
    IReadOnlyList<Guid> UnitIds,
    DealStatus Status,
    string? LostReason,
    DateTimeOffset StageEnteredAt,
    bool IsRotting,
    DateTimeOffset? ClosedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt)
{
    public static DealResponse From(Deal deal, PipelineStage? stage, DateTimeOffset now) => new(
        deal.Id,
        deal.Title,
        deal.PipelineId,
        deal.StageId,
        stage?.Name,
        deal.Amount,
        deal.Currency,
        deal.ExpectedCloseDate,
        deal.OwnerId,
        deal.ContactId,
        deal.CompanyId,
        deal.SourceLeadId,
        deal.UnitIds,
        deal.Status,
        deal.LostReason,
        deal.StageEnteredAt,
        deal.Status == DealStatus.Open && stage is not null && stage.IsRotting(deal.StageEnteredAt, now),
        deal.ClosedAt,
        deal.CreatedAt,
        deal.UpdatedAt,
        deal.DeletedAt);
}

/// <summary>One row of a deal's stage history, with the stages' names as they were at the move.</summary>
internal sealed record DealStageHistoryResponse(
    Guid Id,
    DealStageAction Action,
    Guid? FromPipelineId,
    Guid? FromStageId,
    string? FromStageName,
    Guid ToPipelineId,
    Guid ToStageId,
    string? ToStageName,
    DateTimeOffset At,
    Guid? ChangedBy,
    string? Reason);
