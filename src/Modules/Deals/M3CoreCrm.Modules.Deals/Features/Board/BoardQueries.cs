using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.Modules.Deals.Domain;
using M3CoreCrm.Modules.Deals.Features.Deals;
using M3CoreCrm.Modules.Deals.Features.Pipelines;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Deals.Features.Board;

/// <summary>
/// The board's reads. The figures sum deals.board_totals (count and amount per stage, currency and owner, kept exact
/// by triggers on the deals), filtered by the caller's scope like the deals themselves, instead of grouping every
/// deal of the pipeline. Each column's first page is a keyset query on (tenant_id, stage_id, sort keys).
/// </summary>
internal sealed class BoardQueries(DealQueries deals, PipelineCatalog catalog)
{
    internal const int DefaultColumnLimit = 20;

    public async Task<DealBoardResponse> BoardAsync(DealBoardQuery query, CursorCodec cursors, CancellationToken ct)
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

        return new DealBoardResponse(pipeline.Id, pipeline.Name, columns);
    }

    public async Task<Page<DealResponse>> ColumnAsync(Guid stageId, Guid? ownerId, PageQuery page, CursorCodec cursors, CancellationToken ct)
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
        return await deals.PageAsync(query, DealQueries.Sorts.Parse(page.Sort), effective, cursors, ct);
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
