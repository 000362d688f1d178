using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Deals.Data;
using M3CoreCrm.Modules.Deals.Domain;
using M3CoreCrm.Modules.Deals.Features.Pipelines;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Deals.Features.Deals;

/// <summary>
/// A deal's way through its pipeline: move, win, lose, reopen. Each change saves the deal and its history row
/// together; winning, losing and reopening publish DealWon / DealLost / DealReopened in the same transaction, so a
/// subscriber that refuses (Inventory, when a unit was taken since) undoes the change.
/// </summary>
internal sealed class DealStageService(
    DealsDbContext db,
    UnitOfWork unitOfWork,
    PipelineCatalog catalog,
    ICurrentActor actor,
    IntegrationEventPublisher events,
    TimeProvider clock)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// Moves an open deal to an open stage. A stage of another pipeline is only accepted when the request names that
    /// pipeline too, so a stray id cannot silently carry a deal elsewhere.
    /// </summary>
    public async Task MoveAsync(Deal deal, MoveDealRequest request, CancellationToken ct)
    {
        var (pipeline, stage) = await catalog.FindStageAsync(request.StageId, ct) ?? throw UnknownStage("stageId", request.StageId);
        if (request.PipelineId is { } pipelineId && pipelineId != pipeline.Id)
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["stageId"] = [$"The stage is not a stage of pipeline {pipelineId}."] });
        }

        if (pipeline.Id != deal.PipelineId && request.PipelineId is null)
        {
            throw Problems.BadRequest("deal.cross_pipeline_move",
                $"The stage belongs to another pipeline ({pipeline.Id}); name it as pipelineId to move the deal there.");
        }

        if (deal.MoveTo(stage, actor.Id, Now) is { } change)
        {
            db.StageHistory.Add(await LeavingAsync(change, ct));
            await db.SaveChangesAsync(ct);
        }
    }

    public async Task WinAsync(Deal deal, CancellationToken ct)
    {
        var pipeline = await PipelineOfAsync(deal, ct);
        var change = await LeavingAsync(deal.Win(pipeline.WonStage, actor.Id, Now), ct);
        await unitOfWork.InTransactionAsync(async token =>
        {
            db.StageHistory.Add(change);
            await db.SaveChangesAsync(token);
            await events.PublishAsync(new DealWon(deal.Id, deal.UnitIds.ToList()), token);
            return true;
        }, ct);
    }

    public async Task LoseAsync(Deal deal, string reason, CancellationToken ct)
    {
        var pipeline = await PipelineOfAsync(deal, ct);
        var change = await LeavingAsync(deal.Lose(pipeline.LostStage, reason.Trim(), actor.Id, Now), ct);
        await unitOfWork.InTransactionAsync(async token =>
        {
            db.StageHistory.Add(change);
            await db.SaveChangesAsync(token);
            await events.PublishAsync(new DealLost(deal.Id, deal.UnitIds.ToList()), token);
            return true;
        }, ct);
    }

    /// <summary>
    /// Reopens a won or lost deal into the given open stage, or the one it was closed from, or the first open stage;
    /// Inventory books its units again (<see cref="DealReopened"/>), or refuses with 409 deal.units_taken unless
    /// <paramref name="skipTakenUnits"/>.
    /// </summary>
    public async Task ReopenAsync(Deal deal, Guid? stageId, bool skipTakenUnits, CancellationToken ct)
    {
        if (deal.Status == DealStatus.Open)
        {
            throw Problems.Conflict("deal.not_closed", "The deal is open; only a won or lost deal can be reopened.");
        }

        var pipeline = await PipelineOfAsync(deal, ct);
        PipelineStage stage;
        if (stageId is { } id)
        {
            stage = pipeline.FindStage(id) is { Kind: PipelineStageKind.Open } open ? open : throw UnknownStage("stageId", id, "an open stage of the deal's pipeline");
        }
        else
        {
            var closedFrom = await db.StageHistory.AsNoTracking()
                .Where(h => h.DealId == deal.Id && (h.Action == DealStageAction.Won || h.Action == DealStageAction.Lost))
                .OrderByDescending(h => h.At).ThenByDescending(h => h.Id)
                .Select(h => h.FromStageId)
                .FirstOrDefaultAsync(ct);
            stage = (closedFrom is { } from ? pipeline.FindStage(from) : null) is { Kind: PipelineStageKind.Open } previous
                ? previous
                : pipeline.OpenStages.First();
        }

        var (wasWon, closedAt) = (deal.Status == DealStatus.Won, deal.ClosedAt ?? deal.StageEnteredAt);
        var change = await LeavingAsync(deal.Reopen(stage, actor.Id, Now), ct);
        await unitOfWork.InTransactionAsync(async token =>
        {
            db.StageHistory.Add(change);
            await db.SaveChangesAsync(token);
            await events.PublishAsync(new DealReopened(deal.Id, deal.UnitIds.ToList(), wasWon, closedAt, skipTakenUnits), token);
            return true;
        }, ct);
    }

    /// <summary>Names on the history row the stage the deal left, as it is called now (the row keeps that name).</summary>
    private async Task<DealStageChange> LeavingAsync(DealStageChange change, CancellationToken ct) =>
        change.LeavingStage(change.FromStageId is { } from ? (await catalog.StagesAsync(ct)).GetValueOrDefault(from)?.Name : null);

    private async Task<Pipeline> PipelineOfAsync(Deal deal, CancellationToken ct) =>
        (await catalog.AllAsync(ct)).First(p => p.Id == deal.PipelineId);

    internal static ApiProblemException UnknownStage(string field, Guid id, string what = "a stage of a pipeline you can see") =>
        Problems.Validation(new Dictionary<string, string[]> { [field] = [$"Stage {id} is not {what}."] });
}
