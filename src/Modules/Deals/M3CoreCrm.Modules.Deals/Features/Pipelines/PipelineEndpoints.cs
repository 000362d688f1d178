using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Deals.Features.Pipelines;

/// <summary>
/// /api/v1/pipelines: pipelines with their ordered stages. Stage changes answer with the whole pipeline and its new
/// ETag; every change honours If-Match on the pipeline's version.
/// </summary>
internal static class PipelineEndpoints
{
    internal static void Map(IEndpointRouteBuilder api)
    {
        var pipelines = api.MapGroup("/pipelines").WithTags("Pipelines");

        pipelines.MapGet("/", ListAsync)
            .WithName("ListPipelines")
            .WithSummary("List the pipelines the caller sees (restricted ones only for members of their groups), with their stages; sorted by createdAt or name.")
            .RequirePermission(DealsPermissions.PipelinesRead)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        pipelines.MapGet("/{id:guid}", GetAsync)
            .WithName("GetPipeline")
            .WithSummary("Read a pipeline and its stages; the ETag header carries its version for If-Match.")
            .RequirePermission(DealsPermissions.PipelinesRead)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ReturnsETag();

        pipelines.MapPost("/", CreateAsync)
            .WithName("CreatePipeline")
            .WithSummary("Create a pipeline from its open stages; a won and a lost stage are added at the end.")
            .RequirePermission(DealsPermissions.PipelinesManage)
            .AnswersWith(StatusCodes.Status409Conflict, "pipeline.duplicate_name", "stage.duplicate_name", "pipeline.too_many_stages")
            .Validate<CreatePipelineRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ReturnsETag();

        pipelines.MapPatch("/{id:guid}", PatchAsync)
            .WithName("UpdatePipeline")
            .WithSummary("Rename a pipeline, restrict it to groups (empty: everyone) or make it the default, with a JSON merge patch; If-Match gives 412 when stale.")
            .RequirePermission(DealsPermissions.PipelinesManage)
            .Accepts<PipelineInput>(MergePatch.MediaType, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch().ReturnsETag();

        pipelines.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeletePipeline")
            .WithSummary("Delete a pipeline that holds no deal (deleted ones included) and is not the default; If-Match gives 412 when stale.")
            .RequirePermission(DealsPermissions.PipelinesManage)
            .AnswersWith(StatusCodes.Status409Conflict, "pipeline.is_default", "pipeline.has_deals")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch();

        pipelines.MapPost("/{id:guid}/stages", AddStageAsync)
            .WithName("AddPipelineStage")
            .WithSummary("Add an open stage at a position among the open stages (default: after the last one); answers with the pipeline.")
            .RequirePermission(DealsPermissions.PipelinesManage)
            .AnswersWith(StatusCodes.Status409Conflict, "stage.duplicate_name", "pipeline.too_many_stages")
            .Validate<AddPipelineStageRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch().ReturnsETag();

        pipelines.MapPatch("/{id:guid}/stages/{stageId:guid}", PatchStageAsync)
            .WithName("UpdatePipelineStage")
            .WithSummary("Rename a stage or change its probability and rotting days with a JSON merge patch (won and lost stages: name only); answers with the pipeline.")
            .RequirePermission(DealsPermissions.PipelinesManage)
            .Accepts<PipelineStageInput>(MergePatch.MediaType, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch().ReturnsETag();

        pipelines.MapPut("/{id:guid}/stages/order", ReorderAsync)
            .WithName("ReorderPipelineStages")
            .WithSummary("Reorder the stages: every stage id once, the open stages before won and lost; answers with the pipeline.")
            .RequirePermission(DealsPermissions.PipelinesManage)
            .Validate<ReorderPipelineStagesRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch().ReturnsETag();

        pipelines.MapDelete("/{id:guid}/stages/{stageId:guid}", RemoveStageAsync)
            .WithName("RemovePipelineStage")
            .WithSummary("Remove an open stage. A stage holding deals needs targetStageId (another open stage of the pipeline): its deals move there, each with a history row.")
            .RequirePermission(DealsPermissions.PipelinesManage)
            .AnswersWith(StatusCodes.Status409Conflict, "stage.closed_stage_required", "stage.last_open_stage", "stage.has_deals")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .HonoursIfMatch().ReturnsETag();
    }

    private static async Task<Ok<Page<PipelineResponse>>> ListAsync([AsParameters] PageQuery page, PipelineService pipelines, CursorCodec cursors, CancellationToken ct) =>
        TypedResults.Ok(await pipelines.ListAsync(page, cursors, ct));

    private static async Task<Ok<PipelineResponse>> GetAsync(Guid id, PipelineCatalog catalog, HttpResponse response, CancellationToken ct)
    {
        var pipeline = await catalog.FindAsync(id, ct);
        return Answer(pipeline, response);
    }

    private static async Task<Created<PipelineResponse>> CreateAsync(CreatePipelineRequest body, PipelineService pipelines, HttpResponse response, CancellationToken ct)
    {
        var pipeline = await pipelines.CreateAsync(body, ct);
        ETags.Write(response, pipeline.Version);
        return TypedResults.Created($"/api/v1/pipelines/{pipeline.Id}", PipelineResponse.From(pipeline));
    }

    private static async Task<Ok<PipelineResponse>> PatchAsync(Guid id, JsonElement patch, PipelineCatalog catalog, PipelineService pipelines, HttpContext http, CancellationToken ct)
    {
        var pipeline = await catalog.FindAsync(id, ct);
        ETags.EnsureMatches(http.Request, pipeline.Version);
        await pipelines.PatchAsync(pipeline, patch, ct);
        return Answer(pipeline, http.Response);
    }

    private static async Task<NoContent> DeleteAsync(Guid id, PipelineCatalog catalog, PipelineService pipelines, HttpRequest request, CancellationToken ct)
    {
        var pipeline = await catalog.FindAsync(id, ct);
        ETags.EnsureMatches(request, pipeline.Version);
        await pipelines.DeleteAsync(pipeline, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Created<PipelineResponse>> AddStageAsync(
        Guid id, AddPipelineStageRequest body, PipelineCatalog catalog, PipelineService pipelines, HttpContext http, CancellationToken ct)
    {
        var pipeline = await catalog.FindAsync(id, ct);
        ETags.EnsureMatches(http.Request, pipeline.Version);
        await pipelines.AddStageAsync(pipeline, body, ct);
        ETags.Write(http.Response, pipeline.Version);
        return TypedResults.Created($"/api/v1/pipelines/{pipeline.Id}", PipelineResponse.From(pipeline));
    }

    private static async Task<Ok<PipelineResponse>> PatchStageAsync(
        Guid id, Guid stageId, JsonElement patch, PipelineCatalog catalog, PipelineService pipelines, HttpContext http, CancellationToken ct)
    {
        var pipeline = await catalog.FindAsync(id, ct);
        var stage = pipeline.FindStage(stageId) ?? throw Problems.NotFound("stage", stageId);
        ETags.EnsureMatches(http.Request, pipeline.Version);
        await pipelines.PatchStageAsync(pipeline, stage, patch, ct);
        return Answer(pipeline, http.Response);
    }

    private static async Task<Ok<PipelineResponse>> ReorderAsync(
        Guid id, ReorderPipelineStagesRequest body, PipelineCatalog catalog, PipelineService pipelines, HttpContext http, CancellationToken ct)
    {
        var pipeline = await catalog.FindAsync(id, ct);
        ETags.EnsureMatches(http.Request, pipeline.Version);
        await pipelines.ReorderAsync(pipeline, body.StageIds, ct);
        return Answer(pipeline, http.Response);
    }

    private static async Task<Ok<PipelineResponse>> RemoveStageAsync(
        Guid id, Guid stageId, Guid? targetStageId, PipelineCatalog catalog, PipelineService pipelines, HttpContext http, CancellationToken ct)
    {
        var pipeline = await catalog.FindAsync(id, ct);
        var stage = pipeline.FindStage(stageId) ?? throw Problems.NotFound("stage", stageId);
        ETags.EnsureMatches(http.Request, pipeline.Version);
        await pipelines.RemoveStageAsync(pipeline, stage, targetStageId, ct);
        return Answer(pipeline, http.Response);
    }

    private static Ok<PipelineResponse> Answer(Domain.Pipeline pipeline, HttpResponse response)
    {
        ETags.Write(response, pipeline.Version);
        return TypedResults.Ok(PipelineResponse.From(pipeline));
    }
}
