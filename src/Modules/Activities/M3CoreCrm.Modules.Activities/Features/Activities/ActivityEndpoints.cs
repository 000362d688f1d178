using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Activities.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Activities.Features.Activities;

/// <summary>/api/v1/activities: log, list, read, change (merge patch + If-Match), soft delete and restore.</summary>
internal static class ActivityEndpoints
{
    internal static void Map(IEndpointRouteBuilder api)
    {
        var activities = api.MapGroup("/activities").WithTags("Activities");

        activities.MapPost("/", CreateAsync)
            .WithName("CreateActivity")
            .WithSummary("Log a call, meeting, site visit, note, email, sms or whatsapp on 1..20 live records of the tenant (lead, contact, company, deal, unit) that the caller may read. occurredAt lies between 2000-01-01 and a year ahead. The caller owns it.")
            .RequirePermission(ActivitiesPermissions.ActivitiesCreate)
            .Validate<ActivityInput>()
            .ReturnsETag();

        activities.MapGet("/", ListAsync)
            .WithName("ListActivities")
            .WithSummary("List activities in the caller's scope: keyset-paged, sorted (occurredAt, createdAt), filtered by type, targetType+targetId, ownerId, occurredFrom/To.")
            .RequirePermission(ActivitiesPermissions.ActivitiesRead)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        activities.MapGet("/{id:guid}", GetAsync)
            .WithName("GetActivity")
            .WithSummary("Read an activity; the ETag header carries its version for If-Match. Targets deleted since are marked targetDeleted.")
            .RequirePermission(ActivitiesPermissions.ActivitiesRead)
            .ProducesRecordProblems()
            .ReturnsETag();

        activities.MapPatch("/{id:guid}", PatchAsync)
            .WithName("UpdateActivity")
            .WithSummary("Change an activity with a JSON merge patch (targets replace as a whole); If-Match gives 412 when stale.")
            .RequirePermission(ActivitiesPermissions.ActivitiesUpdate)
            .AcceptsMergePatch<ActivityInput>()
            .ProducesPatchProblems()
            .ReturnsETag();

        activities.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeleteActivity")
            .WithSummary("Delete an activity (soft: it can be restored); If-Match gives 412 when stale.")
            .RequirePermission(ActivitiesPermissions.ActivitiesDelete)
            .ProducesWriteProblems();

        activities.MapPost("/{id:guid}/restore", RestoreAsync)
            .WithName("RestoreActivity")
            .WithSummary("Restore a deleted activity (a live one is returned as it is).")
            .RequirePermission(ActivitiesPermissions.ActivitiesDelete)
            .ProducesRecordProblems()
            .ReturnsETag();
    }

    private static async Task<Created<ActivityResponse>> CreateAsync(ActivityInput body, ActivityService activities, HttpResponse response, CancellationToken ct)
    {
        var activity = await activities.CreateAsync(body, ct);
        ETags.Write(response, activity.Version);
        return TypedResults.Created($"/api/v1/activities/{activity.Id}", await activities.ResponseAsync(activity, ct));
    }

    private static async Task<Ok<Page<ActivityResponse>>> ListAsync(
        [AsParameters] ActivityListQuery filter, [AsParameters] PageQuery page, ActivityService activities, CursorCodec cursors, CancellationToken ct) =>
        TypedResults.Ok(await activities.ListAsync(filter, page, cursors, ct));

    private static async Task<Ok<ActivityResponse>> GetAsync(Guid id, ActivityService activities, HttpResponse response, CancellationToken ct) =>
        await AnswerAsync(await activities.FindAsync(id, ActivitiesPermissions.ActivitiesRead, ct), activities, response, ct);

    private static async Task<Ok<ActivityResponse>> PatchAsync(Guid id, JsonElement patch, ActivityService activities, HttpContext http, CancellationToken ct)
    {
        var activity = await activities.FindAsync(id, ActivitiesPermissions.ActivitiesUpdate, ct);
        ETags.EnsureMatches(http.Request, activity.Version);
        await activities.PatchAsync(activity, patch, ct);
        return await AnswerAsync(activity, activities, http.Response, ct);
    }

    private static async Task<NoContent> DeleteAsync(Guid id, ActivityService activities, HttpRequest request, CancellationToken ct)
    {
        var activity = await activities.FindAsync(id, ActivitiesPermissions.ActivitiesDelete, ct);
        ETags.EnsureMatches(request, activity.Version);
        await activities.DeleteAsync(activity, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ActivityResponse>> RestoreAsync(Guid id, ActivityService activities, HttpResponse response, CancellationToken ct)
    {
        var activity = await activities.FindAsync(id, ActivitiesPermissions.ActivitiesDelete, ct, includeDeleted: true);
        await activities.RestoreAsync(activity, ct);
        return await AnswerAsync(activity, activities, response, ct);
    }

    private static async Task<Ok<ActivityResponse>> AnswerAsync(Activity activity, ActivityService activities, HttpResponse response, CancellationToken ct)
    {
        ETags.Write(response, activity.Version);
        return TypedResults.Ok(await activities.ResponseAsync(activity, ct));
    }
}
