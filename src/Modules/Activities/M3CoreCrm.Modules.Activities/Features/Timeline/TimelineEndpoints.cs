using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Activities.Features.Timeline;

/// <summary>GET /api/v1/timeline/{entityType}/{id}: a record's timeline (see <see cref="TimelineQueries"/>).</summary>
internal static class TimelineEndpoints
{
    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/timeline/{entityType}/{id:guid}", GetAsync)
            .WithTags("Activities")
            .WithName("GetTimeline")
            .WithSummary("What happened to a lead, contact, company, deal or unit, newest first: its activities and tasks (in the caller's scope), its field changes (audit.read holders) and a deal's stage moves (when the caller may read the deal), each typed by kind (activity, task, change, stageMove); keyset-paged with limit and cursor.")
            .RequirePermission(ActivitiesPermissions.ActivitiesRead)
            .AnswersWith(StatusCodes.Status400BadRequest, "validation.failed", "paging.invalid_cursor")
            .AnswersWith(StatusCodes.Status404NotFound, "lead.not_found", "contact.not_found", "company.not_found", "deal.not_found", "unit.not_found")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<Page<TimelineItem>>> GetAsync(
        string entityType, Guid id, int? limit, string? cursor, TimelineQueries timeline, CancellationToken ct) =>
        TypedResults.Ok(await timeline.GetAsync(entityType, id, limit, cursor, ct));
}
