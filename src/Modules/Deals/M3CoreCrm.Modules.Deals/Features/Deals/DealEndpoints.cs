using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Deals.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Deals.Features.Deals;

/// <summary>
/// /api/v1/deals: CRUD with soft delete and restore, keyset lists, and the stage actions (move, win, lose, reopen)
/// with the deal's stage history. Single deals carry an ETag; writes honour If-Match.
/// </summary>
internal static class DealEndpoints
{
    internal static void Map(IEndpointRouteBuilder api)
    {
        var deals = api.MapGroup("/deals").WithTags("Deals");

        deals.MapPost("/", CreateAsync)
            .WithName("CreateDeal")
            .WithSummary("Create an open deal in a pipeline stage (default: the default pipeline's first stage); amount defaults to 0 in the tenant's currency, owner to the caller.")
            .RequirePermission(DealsPermissions.DealsCreate)
            .AnswersWith(StatusCodes.Status400BadRequest, "deal.use_win_or_lose")
            .AnswersWith(StatusCodes.Status403Forbidden, "deal.owner_out_of_scope")
            .Validate<CreateDealRequest>()
            .ReturnsETag();

        deals.MapGet("/", ListAsync)
            .WithName("ListDeals")
            .WithSummary("List deals in the caller's scope: keyset-paged, sorted (createdAt, updatedAt, amount, expectedCloseDate), filtered; q searches the title; rotting=true keeps deals stuck in their stage.")
            .RequirePermission(DealsPermissions.DealsRead)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        deals.MapGet("/{id:guid}", GetAsync)
            .WithName("GetDeal")
            .WithSummary("Read a deal; the ETag header carries its version for If-Match.")
            .RequirePermission(DealsPermissions.DealsRead)
            .ProducesRecordProblems()
            .ReturnsETag();

        deals.MapPatch("/{id:guid}", PatchAsync)
            .WithName("UpdateDeal")
            .WithSummary("Change a deal's fields with a JSON merge patch (stages change through move, win, lose, reopen); If-Match gives 412 when stale.")
            .RequirePermission(DealsPermissions.DealsUpdate)
            .AcceptsMergePatch<DealInput>()
            .ProducesPatchProblems()
            .ReturnsETag();

        deals.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeleteDeal")
            .WithSummary("Delete a deal (soft: it can be restored); If-Match gives 412 when stale.")
            .RequirePermission(DealsPermissions.DealsDelete)
            .ProducesWriteProblems();

        deals.MapPost("/{id:guid}/restore", RestoreAsync)
            .WithName("RestoreDeal")
            .WithSummary("Restore a deleted deal (a live one is returned as it is).")
            .RequirePermission(DealsPermissions.DealsDelete)
            .ProducesRecordProblems()
            .ReturnsETag();

        deals.MapPost("/{id:guid}/move", MoveAsync)
            .WithName("MoveDeal")
            .WithSummary("Move an open deal to an open stage; a stage of another pipeline needs pipelineId too. Won and lost stages are reached by win and lose. Writes a history row.")
            .RequirePermission(DealsPermissions.DealsUpdate)
            .AnswersWith(StatusCodes.Status400BadRequest, "deal.use_win_or_lose", "deal.cross_pipeline_move")
            .AnswersWith(StatusCodes.Status409Conflict, "deal.closed")
            .Validate<MoveDealRequest>()
            .ProducesWriteProblems(withConflict: true)
            .ReturnsETag();

        deals.MapPost("/{id:guid}/win", WinAsync)
            .WithName("WinDeal")
            .WithSummary("Win an open deal: it moves to its pipeline's won stage (history row) and DealWon is published in the same transaction.")
            .RequirePermission(DealsPermissions.DealsWin)
            .AnswersWith(StatusCodes.Status409Conflict, "deal.closed")
            .ProducesWriteProblems(withConflict: true)
            .ReturnsETag();

        deals.MapPost("/{id:guid}/lose", LoseAsync)
            .WithName("LoseDeal")
            .WithSummary("Lose an open deal with a reason: it moves to its pipeline's lost stage (history row) and DealLost is published in the same transaction.")
            .RequirePermission(DealsPermissions.DealsWin)
            .AnswersWith(StatusCodes.Status409Conflict, "deal.closed")
            .Validate<LoseDealRequest>()
            .ProducesWriteProblems(withConflict: true)
            .ReturnsETag();

        deals.MapPost("/{id:guid}/reopen", ReopenAsync)
            .WithName("ReopenDeal")
            .WithSummary("Reopen a won or lost deal into an open stage of its pipeline (default: the stage it was closed from). Writes a history row and books again the units its close released; when one was taken since, 409 deal.units_taken lists them unless skipTakenUnits is set.")
            .RequirePermission(DealsPermissions.DealsWin)
            .AnswersWith(StatusCodes.Status409Conflict, "deal.not_closed", "deal.units_taken")
            .Validate<ReopenDealRequest>()
            .ProducesWriteProblems(withConflict: true)
            .ReturnsETag();

        deals.MapGet("/{id:guid}/history", HistoryAsync)
            .WithName("GetDealHistory")
            .WithSummary("The deal's stage history, oldest first: created, moved, won, lost, reopened, moved out of a removed stage.")
            .RequirePermission(DealsPermissions.DealsRead)
            .ProducesRecordProblems();
    }

    private static async Task<Created<DealResponse>> CreateAsync(CreateDealRequest body, DealService deals, DealQueries queries, HttpResponse response, CancellationToken ct)
    {
        var deal = await deals.CreateAsync(body, new DealWriteOptions(ApplyCallerScope: true), ct);
        ETags.Write(response, deal.Version);
        return TypedResults.Created($"/api/v1/deals/{deal.Id}", await queries.ResponseAsync(deal, ct));
    }

    private static async Task<Ok<Page<DealResponse>>> ListAsync(
        [AsParameters] DealListQuery filter, [AsParameters] PageQuery page, DealQueries queries, CursorCodec cursors, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(filter, page, cursors, ct));

    private static async Task<Ok<DealResponse>> GetAsync(Guid id, DealQueries queries, HttpResponse response, CancellationToken ct)
    {
        var deal = await queries.FindAsync(id, DealsPermissions.DealsRead, ct);
        return await AnswerAsync(deal, queries, response, ct);
    }

    private static async Task<Ok<DealResponse>> PatchAsync(Guid id, JsonElement patch, DealQueries queries, DealService deals, HttpContext http, CancellationToken ct)
    {
        var deal = await queries.FindAsync(id, DealsPermissions.DealsUpdate, ct);
        ETags.EnsureMatches(http.Request, deal.Version);
        await deals.PatchAsync(deal, patch, ct);
        return await AnswerAsync(deal, queries, http.Response, ct);
    }

    private static async Task<NoContent> DeleteAsync(Guid id, DealQueries queries, DealService deals, HttpRequest request, CancellationToken ct)
    {
        var deal = await queries.FindAsync(id, DealsPermissions.DealsDelete, ct);
        ETags.EnsureMatches(request, deal.Version);
        await deals.DeleteAsync(deal, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<DealResponse>> RestoreAsync(Guid id, DealQueries queries, DealService deals, HttpResponse response, CancellationToken ct)
    {
        var deal = await queries.FindAsync(id, DealsPermissions.DealsDelete, ct, includeDeleted: true);
        await deals.RestoreAsync(deal, ct);
        return await AnswerAsync(deal, queries, response, ct);
    }

    private static async Task<Ok<DealResponse>> MoveAsync(Guid id, MoveDealRequest body, DealQueries queries, DealStageService stages, HttpContext http, CancellationToken ct)
    {
        var deal = await queries.FindAsync(id, DealsPermissions.DealsUpdate, ct);
        ETags.EnsureMatches(http.Request, deal.Version);
        await stages.MoveAsync(deal, body, ct);
        return await AnswerAsync(deal, queries, http.Response, ct);
    }

    private static async Task<Ok<DealResponse>> WinAsync(Guid id, DealQueries queries, DealStageService stages, HttpContext http, CancellationToken ct)
    {
        var deal = await queries.FindAsync(id, DealsPermissions.DealsWin, ct);
        ETags.EnsureMatches(http.Request, deal.Version);
        await stages.WinAsync(deal, ct);
        return await AnswerAsync(deal, queries, http.Response, ct);
    }

    private static async Task<Ok<DealResponse>> LoseAsync(Guid id, LoseDealRequest body, DealQueries queries, DealStageService stages, HttpContext http, CancellationToken ct)
    {
        var deal = await queries.FindAsync(id, DealsPermissions.DealsWin, ct);
        ETags.EnsureMatches(http.Request, deal.Version);
        await stages.LoseAsync(deal, body.Reason, ct);
        return await AnswerAsync(deal, queries, http.Response, ct);
    }

    private static async Task<Ok<DealResponse>> ReopenAsync(Guid id, ReopenDealRequest? body, DealQueries queries, DealStageService stages, HttpContext http, CancellationToken ct)
    {
        var deal = await queries.FindAsync(id, DealsPermissions.DealsWin, ct);
        ETags.EnsureMatches(http.Request, deal.Version);
        await stages.ReopenAsync(deal, body?.StageId, body?.SkipTakenUnits ?? false, ct);
        return await AnswerAsync(deal, queries, http.Response, ct);
    }

    private static async Task<Ok<IReadOnlyList<DealStageHistoryResponse>>> HistoryAsync(Guid id, DealQueries queries, CancellationToken ct)
    {
        var deal = await queries.FindAsync(id, DealsPermissions.DealsRead, ct);
        return TypedResults.Ok(await queries.HistoryAsync(deal, ct));
    }

    private static async Task<Ok<DealResponse>> AnswerAsync(Deal deal, DealQueries queries, HttpResponse response, CancellationToken ct)
    {
        ETags.Write(response, deal.Version);
        return TypedResults.Ok(await queries.ResponseAsync(deal, ct));
    }
}
