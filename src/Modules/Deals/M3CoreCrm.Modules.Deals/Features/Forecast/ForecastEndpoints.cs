using M3CoreCrm.BuildingBlocks.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Deals.Features.Forecast;

/// <summary>
/// GET /api/v1/deals/forecast: the open deals the caller may read whose expected close date falls in the range,
/// grouped in the database by (year, month, currency, stage) over the covering index (tenant_id, status,
/// expected_close_date) INCLUDE (...); total is the plain sum, weighted the sum of amount × the stage's probability.
/// </summary>
internal static class ForecastEndpoints
{
    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/deals/forecast", GetAsync)
            .WithTags("Deals")
            .WithName("GetDealForecast")
            .WithSummary("Expected revenue by month of expected close date: count, total and probability-weighted amount of open deals per currency.")
            .RequirePermission(DealsPermissions.DealsRead)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Ok<DealForecastResponse>> GetAsync([AsParameters] DealForecastQuery query, ForecastQueries forecast, CancellationToken ct) =>
        TypedResults.Ok(await forecast.ForecastAsync(query, ct));
}
