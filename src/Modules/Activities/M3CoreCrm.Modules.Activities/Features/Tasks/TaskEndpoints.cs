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

namespace M3CoreCrm.Modules.Activities.Features.Tasks;

/// <summary>/api/v1/tasks: CRUD with soft delete and restore, the caller's due tasks, and complete / cancel / reopen.</summary>
internal static class TaskEndpoints
{
    internal static void Map(IEndpointRouteBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Tasks");

        tasks.MapPost("/", CreateAsync)
            .WithName("CreateTask")
            .WithSummary("Create an open task on 1..20 records, assigned to the caller unless assigneeId names another user in the caller's scope.")
            .RequirePermission(ActivitiesPermissions.TasksCreate)
            .AnswersWith(StatusCodes.Status403Forbidden, "task.assignee_out_of_scope")
            .Validate<TaskInput>()
            .ReturnsETag();

        tasks.MapGet("/", ListAsync)
            .WithName("ListTasks")
            .WithSummary("List tasks in the caller's scope (by assignee): keyset-paged, sorted (dueAt, createdAt), filtered by status, assigneeId, targetType+targetId, dueFrom/dueTo.")
            .RequirePermission(ActivitiesPermissions.TasksRead)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        tasks.MapGet("/mine", MineAsync)
            .WithName("ListMyTasks")
            .WithSummary("The caller's open tasks, soonest due first; due=overdue|today|week (today and week in the tenant's time zone; week = 7 days from the start of today).")
            .RequirePermission(ActivitiesPermissions.TasksRead)
            .AnswersWith(StatusCodes.Status403Forbidden, "task.user_only")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        tasks.MapGet("/{id:guid}", GetAsync)
            .WithName("GetTask")
            .WithSummary("Read a task; the ETag header carries its version for If-Match.")
            .RequirePermission(ActivitiesPermissions.TasksRead)
            .ProducesRecordProblems()
            .ReturnsETag();

        tasks.MapPatch("/{id:guid}", PatchAsync)
            .WithName("UpdateTask")
            .WithSummary("Change a task with a JSON merge patch (status changes through complete, cancel, reopen); If-Match gives 412 when stale.")
            .RequirePermission(ActivitiesPermissions.TasksUpdate)
            .AnswersWith(StatusCodes.Status403Forbidden, "task.assignee_out_of_scope")
            .AcceptsMergePatch<TaskInput>()
            .ProducesPatchProblems()
            .ReturnsETag();

        tasks.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeleteTask")
            .WithSummary("Delete a task (soft: it can be restored); If-Match gives 412 when stale.")
            .RequirePermission(ActivitiesPermissions.TasksDelete)
            .ProducesWriteProblems();

        tasks.MapPost("/{id:guid}/restore", RestoreAsync)
            .WithName("RestoreTask")
            .WithSummary("Restore a deleted task (a live one is returned as it is).")
            .RequirePermission(ActivitiesPermissions.TasksDelete)
            .ProducesRecordProblems()
            .ReturnsETag();

        tasks.MapPost("/{id:guid}/complete", CompleteAsync)
            .WithName("CompleteTask")
            .WithSummary("Complete an open task; with logCall, a call activity on the task's records is logged in the same transaction (loggedActivityId in the answer).")
            .RequirePermission(ActivitiesPermissions.TasksUpdate)
            .AnswersWith(StatusCodes.Status400BadRequest, "task.no_live_targets")
            .AnswersWith(StatusCodes.Status409Conflict, "task.not_open")
            .Validate<CompleteTaskRequest>()
            .ProducesWriteProblems(withConflict: true)
            .ReturnsETag();

        tasks.MapPost("/{id:guid}/cancel", CancelAsync)
            .WithName("CancelTask")
            .WithSummary("Cancel an open task.")
            .RequirePermission(ActivitiesPermissions.TasksUpdate)
            .AnswersWith(StatusCodes.Status409Conflict, "task.not_open")
            .ProducesWriteProblems(withConflict: true)
            .ReturnsETag();

        tasks.MapPost("/{id:guid}/reopen", ReopenAsync)
            .WithName("ReopenTask")
            .WithSummary("Reopen a done or cancelled task (its completion is cleared).")
            .RequirePermission(ActivitiesPermissions.TasksUpdate)
            .AnswersWith(StatusCodes.Status409Conflict, "task.already_open")
            .ProducesWriteProblems(withConflict: true)
            .ReturnsETag();
    }

    private static async Task<Created<TaskResponse>> CreateAsync(TaskInput body, TaskService tasks, HttpResponse response, CancellationToken ct)
    {
        var task = await tasks.CreateAsync(body, ct);
        ETags.Write(response, task.Version);
        return TypedResults.Created($"/api/v1/tasks/{task.Id}", await tasks.ResponseAsync(task, ct));
    }

    private static async Task<Ok<Page<TaskResponse>>> ListAsync(
        [AsParameters] TaskListQuery filter, [AsParameters] PageQuery page, TaskService tasks, CursorCodec cursors, CancellationToken ct) =>
        TypedResults.Ok(await tasks.ListAsync(filter, page, cursors, ct));

    private static async Task<Ok<Page<TaskResponse>>> MineAsync(
        [AsParameters] MyTasksQuery filter, [AsParameters] PageQuery page, TaskService tasks, CursorCodec cursors, CancellationToken ct) =>
        TypedResults.Ok(await tasks.MineAsync(filter.Due, page, cursors, ct));

    private static async Task<Ok<TaskResponse>> GetAsync(Guid id, TaskService tasks, HttpResponse response, CancellationToken ct) =>
        await AnswerAsync(await tasks.FindAsync(id, ActivitiesPermissions.TasksRead, ct), tasks, response, ct);

    private static async Task<Ok<TaskResponse>> PatchAsync(Guid id, JsonElement patch, TaskService tasks, HttpContext http, CancellationToken ct)
    {
        var task = await tasks.FindAsync(id, ActivitiesPermissions.TasksUpdate, ct);
        ETags.EnsureMatches(http.Request, task.Version);
        await tasks.PatchAsync(task, patch, ct);
        return await AnswerAsync(task, tasks, http.Response, ct);
    }

    private static async Task<NoContent> DeleteAsync(Guid id, TaskService tasks, HttpRequest request, CancellationToken ct)
    {
        var task = await tasks.FindAsync(id, ActivitiesPermissions.TasksDelete, ct);
        ETags.EnsureMatches(request, task.Version);
        await tasks.DeleteAsync(task, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<TaskResponse>> RestoreAsync(Guid id, TaskService tasks, HttpResponse response, CancellationToken ct)
    {
        var task = await tasks.FindAsync(id, ActivitiesPermissions.TasksDelete, ct, includeDeleted: true);
        await tasks.RestoreAsync(task, ct);
        return await AnswerAsync(task, tasks, response, ct);
    }

    private static async Task<Ok<TaskResponse>> CompleteAsync(Guid id, CompleteTaskRequest? body, TaskService tasks, HttpContext http, CancellationToken ct)
    {
        var task = await tasks.FindAsync(id, ActivitiesPermissions.TasksUpdate, ct);
        ETags.EnsureMatches(http.Request, task.Version);
        var call = await tasks.CompleteAsync(task, body?.LogCall, ct);
        return await AnswerAsync(task, tasks, http.Response, ct, call?.Id);
    }

    private static async Task<Ok<TaskResponse>> CancelAsync(Guid id, TaskService tasks, HttpContext http, CancellationToken ct)
    {
        var task = await tasks.FindAsync(id, ActivitiesPermissions.TasksUpdate, ct);
        ETags.EnsureMatches(http.Request, task.Version);
        await tasks.CancelAsync(task, ct);
        return await AnswerAsync(task, tasks, http.Response, ct);
    }

    private static async Task<Ok<TaskResponse>> ReopenAsync(Guid id, TaskService tasks, HttpContext http, CancellationToken ct)
    {
        var task = await tasks.FindAsync(id, ActivitiesPermissions.TasksUpdate, ct);
        ETags.EnsureMatches(http.Request, task.Version);
        await tasks.ReopenAsync(task, ct);
        return await AnswerAsync(task, tasks, http.Response, ct);
    }

    private static async Task<Ok<TaskResponse>> AnswerAsync(TaskItem task, TaskService tasks, HttpResponse response, CancellationToken ct, Guid? loggedActivityId = null)
    {
        ETags.Write(response, task.Version);
        return TypedResults.Ok(await tasks.ResponseAsync(task, ct, loggedActivityId));
    }
}
