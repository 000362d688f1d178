using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.Modules.Deals.Domain;
using M3CoreCrm.Modules.Deals.Features.Deals;
using M3CoreCrm.Modules.Deals.Features.Pipelines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

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

/// <summary>
/// GET /api/v1/deals/board: the kanban view of a pipeline. The figures sum deals.board_totals (count and amount per
/// stage, currency and owner, kept exact by triggers on the deals), filtered by the caller's scope like the deals
/// themselves, instead of grouping every deal of the pipeline. Each column's first page is a keyset query on
/// (tenant_id, stage_id, sort keys), and its cursor continues on GET /deals/board/stages/{stageId}. Weighted amounts use the stage's probability.
/// </summary>
internal static class BoardEndpoints
{
    internal const int DefaultColumnLimit = 20;

    internal static void Map(IEndpointRouteBuilder api)
    {
        var board = api.MapGroup("/deals/board").WithTags("Deals");

        board.MapGet("/", GetBoardAsync)
            .WithName("GetDealBoard")
            .WithSummary("The pipeline's board: per stage, the count, total and probability-weighted amount per currency, and the first page of deals with a cursor per stage.")
            .RequirePermission(DealsPermissions.DealsRead)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        board.MapGet("/stages/{stageId:guid}", GetColumnAsync)
            .WithName("GetDealBoardStage")
            .WithSummary("The next page of a board column: the stage's deals, with the cursor its board (or previous page) gave.")
            .RequirePermission(DealsPermissions.DealsRead)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<DealBoardResponse>> GetBoardAsync(
        [AsParameters] DealBoardQuery query, DealQueries deals, PipelineCatalog catalog, CursorCodec cursors, CancellationToken ct)
    {
        var pipeline = query.PipelineId is { } pipelineId
            ? await catalog.FindAsync(pipelineId, ct)
            : await catalog.DefaultAsync(ct) ?? throw Problems.NotFound("pipeline");
        var limit = new PageQuery { Limit = query.Limit ?? DefaultColumnLimit, Sort = query.Sort };
        var sort = DealQueries.Sorts.Parse(limit.Sort);
        _ = limit.EffectiveLimit;

        var visible = (await deals.VisibleAsync(DealsPermissions.DealsRead, ct)).AsNoTracking().Where(d => d.PipelineId == pipeline.Id);
        var totals = (await deals.VisibleTotalsAsync(DealsPermissions.DealsRead, ct)).Where(t => t.PipelineId == pipeline.Id);
        if (query.OwnerId is { } ownerId)
        {
            visible = visible.Where(d => d.OwnerId == ownerId);
            totals = totals.Where(t => t.OwnerId == ownerId);
        }

        var figures = await TotalsAsync(totals, pipeline, ct);
        var columns = new List<DealBoardStage>();
        foreach (var stage in pipeline.Ordered)
        {
            // One short keyset query per column: a UNION ALL of them all costs PostgreSQL more to plan per request
            // (about 4 ms for nine branches) than the round trips it saves.
            var page = await deals.PageAsync(visible.Where(d => d.StageId == stage.Id), sort, limit, cursors, ct);
            var stageTotals = figures.GetValueOrDefault(stage.Id) ?? [];
            columns.Add(new DealBoardStage(PipelineStageResponse.From(stage), stageTotals.Sum(t => t.Count), stageTotals, page.Items, page.NextCursor));
        }

        return TypedResults.Ok(new DealBoardResponse(pipeline.Id, pipeline.Name, columns));
    }

    private static async Task<Ok<Page<DealResponse>>> GetColumnAsync(
        Guid stageId, Guid? ownerId, [AsParameters] PageQuery page, DealQueries deals, PipelineCatalog catalog, CursorCodec cursors, CancellationToken ct)
    {
        if (await catalog.FindStageAsync(stageId, ct) is null)
        {
            throw Problems.NotFound("stage", stageId);
        }

        var query = (await deals.VisibleAsync(DealsPermissions.DealsRead, ct)).AsNoTracking().Where(d => d.StageId == stageId);
        if (ownerId is { } owner)
        {
            query = query.Where(d => d.OwnerId == owner);
        }

        var effective = page with { Limit = page.Limit ?? DefaultColumnLimit };
        return TypedResults.Ok(await deals.PageAsync(query, DealQueries.Sorts.Parse(page.Sort), effective, cursors, ct));
    }

    /// <summary>
    /// Count and sum per (stage, currency): the maintained totals' rows of the pipeline (one per owner) summed by the
    /// database. A stage's probability is one number, so its weighted amount is its sum times that probability, exactly.
    /// </summary>
    private static async Task<Dictionary<Guid, List<DealAmountTotal>>> TotalsAsync(IQueryable<BoardTotal> totals, Pipeline pipeline, CancellationToken ct)
    {
        var rows = await totals
            .GroupBy(t => new { t.StageId, t.Currency })
            .Select(g => new { g.Key.StageId, g.Key.Currency, Count = g.Sum(t => t.DealCount), Total = g.Sum(t => t.AmountSum) })
            .ToListAsync(ct);
        return rows
            .GroupBy(r => r.StageId)
            .ToDictionary(
                g => g.Key,
                g => g.OrderBy(r => r.Currency, StringComparer.Ordinal)
                    .Select(r => new DealAmountTotal(r.Currency, r.Count, r.Total, Weighted(r.Total, pipeline.FindStage(r.StageId)?.Probability ?? 0)))
                    .ToList());
    }

    /// <summary>An amount weighted by a probability in percent, rounded to the cent (half away from zero).</summary>
    internal static decimal Weighted(decimal amount, int probability) => Money(amount * probability / 100m);

    /// <summary>Weighted amounts are rounded to the cent, half away from zero.</summary>
    internal static decimal Money(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);
}
