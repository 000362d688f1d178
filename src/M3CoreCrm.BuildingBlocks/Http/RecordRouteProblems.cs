using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace M3CoreCrm.BuildingBlocks.Http;

/// <summary>
/// The problem responses the OpenAPI document lists for routes of one record (/{id}), in one place so every module
/// documents them alike. The order of the calls is the order of the responses in the document.
/// </summary>
public static class RecordRouteProblems
{
    /// <summary>404 (and 409 with <paramref name="withConflict"/>): a route that reads or restores one record.</summary>
    public static RouteHandlerBuilder ProducesRecordProblems(this RouteHandlerBuilder route, bool withConflict = false)
    {
        route.ProducesProblem(StatusCodes.Status404NotFound);
        return withConflict ? route.ProducesProblem(StatusCodes.Status409Conflict) : route;
    }

    /// <summary>
    /// 404, (409 with <paramref name="withConflict"/>,) 412: a change of one record that honours If-Match, which the
    /// route then declares too (<see cref="ETagConventions.HonoursIfMatch{TBuilder}"/>).
    /// </summary>
    public static RouteHandlerBuilder ProducesWriteProblems(this RouteHandlerBuilder route, bool withConflict = false) =>
        route.ProducesRecordProblems(withConflict).ProducesProblem(StatusCodes.Status412PreconditionFailed).HonoursIfMatch();

    /// <summary>400 with field errors, then the write problems: a JSON merge patch of one record.</summary>
    public static RouteHandlerBuilder ProducesPatchProblems(this RouteHandlerBuilder route, bool withConflict = false) =>
        route.ProducesValidationProblem().ProducesWriteProblems(withConflict);

    /// <summary>The body is <typeparamref name="TInput"/> as a JSON merge patch (or plain JSON).</summary>
    public static RouteHandlerBuilder AcceptsMergePatch<TInput>(this RouteHandlerBuilder route)
        where TInput : notnull =>
        route.Accepts<TInput>(MergePatch.MediaType, "application/json");
}
