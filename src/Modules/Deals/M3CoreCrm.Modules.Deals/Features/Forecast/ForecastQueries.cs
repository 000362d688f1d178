using System.Globalization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Deals.Domain;
using M3CoreCrm.Modules.Deals.Features.Board;
using M3CoreCrm.Modules.Deals.Features.Deals;
using M3CoreCrm.Modules.Deals.Features.Pipelines;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Deals.Features.Forecast;

/// <summary>
/// The forecast's read: the open deals the caller may read whose expected close date falls in the range, grouped in
/// the database by (year, month, currency, stage); weighted is the sum of amount × the stage's probability.
/// </summary>
internal sealed class ForecastQueries(DealQueries deals, PipelineCatalog catalog)
{
    internal const int MaxMonths = 60;

    public async Task<DealForecastResponse> ForecastAsync(DealForecastQuery query, CancellationToken ct)
    {
        var (from, to) = Range(query);
        var visible = (await deals.VisibleAsync(DealsPermissions.DealsRead, ct)).AsNoTracking()
            .Where(d => d.Status == DealStatus.Open && d.ExpectedCloseDate >= from && d.ExpectedCloseDate <= to);
        if (query.PipelineId is { } pipelineId)
        {
            await catalog.FindAsync(pipelineId, ct);
            visible = visible.Where(d => d.PipelineId == pipelineId);
        }

        // Grouped by stage too, so each group has one probability: weighted = sum × probability, exactly.
        var rows = await visible
            .GroupBy(d => new { d.ExpectedCloseDate!.Value.Year, d.ExpectedCloseDate.Value.Month, d.Currency, d.StageId })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Currency, g.Key.StageId, Count = g.Count(), Total = g.Sum(d => d.Amount) })
            .ToListAsync(ct);
        var stages = await catalog.StagesAsync(ct);

        var months = new List<DealForecastMonth>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var totals = rows.Where(r => r.Year == month.Year && r.Month == month.Month)
                .GroupBy(r => r.Currency)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new DealAmountTotal(
                    g.Key,
                    g.Sum(r => r.Count),
                    g.Sum(r => r.Total),
                    BoardQueries.Money(g.Sum(r => r.Total * (stages.GetValueOrDefault(r.StageId)?.Probability ?? 0) / 100m))))
                .ToList();
            months.Add(new DealForecastMonth(month.ToString("yyyy-MM", CultureInfo.InvariantCulture), totals));
        }

        return new DealForecastResponse(from, to, query.PipelineId, months);
    }

    private static (DateOnly From, DateOnly To) Range(DealForecastQuery query)
    {
        var errors = new Dictionary<string, string[]>();
        if (query.From is null)
        {
            errors["from"] = ["from is required (a date, e.g. 2026-01-01)."];
        }

        if (query.To is null)
        {
            errors["to"] = ["to is required (a date, e.g. 2026-12-31)."];
        }

        if (query is { From: { } f, To: { } t })
        {
            if (f > t)
            {
                errors["from"] = ["from must not be after to."];
            }
            else if (((t.Year - f.Year) * 12) + t.Month - f.Month >= MaxMonths)
            {
                errors["to"] = [$"The forecast covers at most {MaxMonths} months."];
            }
        }

        return errors.Count > 0 ? throw Problems.Validation(errors) : (query.From!.Value, query.To!.Value);
    }
}
