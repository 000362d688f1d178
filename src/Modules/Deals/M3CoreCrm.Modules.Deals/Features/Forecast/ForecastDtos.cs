using M3CoreCrm.Modules.Deals.Features.Board;

namespace M3CoreCrm.Modules.Deals.Features.Forecast;

/// <summary>One month of the forecast ("2026-03"), with its figures per currency (empty when nothing is expected).</summary>
internal sealed record DealForecastMonth(string Month, IReadOnlyList<DealAmountTotal> Totals);

/// <summary>Expected revenue of open deals by month of their expected close date, from..to (inclusive dates).</summary>
internal sealed record DealForecastResponse(DateOnly From, DateOnly To, Guid? PipelineId, IReadOnlyList<DealForecastMonth> Months);

/// <summary>Forecast parameters: a date range (at most 60 months) and optionally one pipeline.</summary>
internal sealed record DealForecastQuery(DateOnly? From, DateOnly? To, Guid? PipelineId);
