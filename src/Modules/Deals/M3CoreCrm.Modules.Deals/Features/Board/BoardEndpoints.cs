using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.Modules.Deals.Features.Deals;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Deals.Features.Board;

/// <summary>
/// GET /api/v1/deals/board: the kanban view of a pipeline. The figures sum deals.board_totals (count and amount per
/// stage, currency and owner, kept exact by triggers on the deals), filtered by the caller's scope like the deals
/// themselves, instead of grouping every deal of the pipeline. Each column's first page is a keyset query on
/// (tenant_id, stage_id, sort keys), and its cursor continues on GET /deals/board/stages/{stageId}. Weighted amounts use the stage's probability.
/// </summary>
internal static class BoardEndpoints
{
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

    private static async Task<Ok<DealBoardResponse>> GetBoardAsync([AsParameters] DealBoardQuery query, BoardQueries board, CursorCodec cursors, CancellationToken ct) =>
        TypedResults.Ok(await board.BoardAsync(query, cursors, ct));

    private static async Task<Ok<Page<DealResponse>>> GetColumnAsync(
        Guid stageId, Guid? ownerId, [AsParameters] PageQuery page, BoardQueries board, CursorCodec cursors, CancellationToken ct) =>
        TypedResults.Ok(await board.ColumnAsync(stageId, ownerId, page, cursors, ct));
}
