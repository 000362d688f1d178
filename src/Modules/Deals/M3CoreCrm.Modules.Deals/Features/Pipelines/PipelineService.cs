using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Deals.Data;
using M3CoreCrm.Modules.Deals.Domain;
using M3CoreCrm.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace M3CoreCrm.Modules.Deals.Features.Pipelines;

/// <summary>
/// The pipeline use cases. Every change of a pipeline or its stages rewrites the pipeline row, so its version (the
/// ETag, checked against If-Match) guards the stage list: two concurrent edits cannot both win.
/// </summary>
internal sealed class PipelineService(
    DealsDbContext db,
    UnitOfWork unitOfWork,
    ITenantContext tenant,
    PipelineCatalog catalog,
    IUserDirectory users,
    ICurrentActor actor,
    TimeProvider clock,
    IValidator<PipelineInput> pipelineValidator,
    IValidator<PipelineStageInput> stageValidator)
{
    internal static readonly SortCatalog<Pipeline> Sorts = new(
        SortField<Pipeline>.For("id", p => p.Id),
        "createdAt",
        SortField<Pipeline>.For("createdAt", p => p.CreatedAt),
        SortField<Pipeline>.For("name", p => p.Name));

    public async Task<Page<PipelineResponse>> ListAsync(PageQuery page, CursorCodec cursors, CancellationToken ct)
    {
        var sort = Sorts.Parse(page.Sort);
        var hidden = await catalog.HiddenIdsAsync(ct);
        var query = db.Pipelines.AsNoTracking();
        if (hidden.Count > 0)
        {
            query = query.Where(p => !hidden.Contains(p.Id));
        }

        return await Keyset.PageAsync(query, sort, page, cursors, PipelineResponse.From, ct);
    }

    public async Task<Pipeline> CreateAsync(CreatePipelineRequest request, CancellationToken ct)
    {
        var groupIds = await CheckGroupsAsync(request.GroupIds, ct);
        await EnsureUniqueNameAsync(request.Name, null, ct);
        var pipeline = Pipeline.Create(
            request.Name,
            request.Stages.Select(s => s.ToDraft()).ToList(),
            request.WonStageName?.Trim() ?? DefaultPipeline.WonName,
            request.LostStageName?.Trim() ?? DefaultPipeline.LostName,
            groupIds,
            isDefault: false,
            clock.GetUtcNow());

        await unitOfWork.InTransactionAsync(async token =>
        {
            db.Pipelines.Add(pipeline);
            await db.SaveChangesAsync(token);
            if (request.IsDefault == true)
            {
                await MakeDefaultAsync(pipeline, token);
            }

            return true;
        }, ct);
        catalog.Invalidate();
        return pipeline;
    }

    /// <summary>Applies a merge patch of name, groupIds and isDefault.</summary>
    public async Task PatchAsync(Pipeline pipeline, JsonElement patch, CancellationToken ct)
    {
        var input = MergePatch.Apply(new PipelineInput(pipeline.Name, pipeline.GroupIds, pipeline.IsDefault), patch);
        await pipelineValidator.EnsureValidAsync(input, ct);
        if (!input.IsDefault && pipeline.IsDefault)
        {
            throw Problems.BadRequest("pipeline.default_required", "A tenant always has a default pipeline: make another pipeline the default instead.");
        }

        var groupIds = await CheckGroupsAsync(input.GroupIds, ct);
        await EnsureUniqueNameAsync(input.Name, pipeline.Id, ct);
        var now = clock.GetUtcNow();
        await unitOfWork.InTransactionAsync(async token =>
        {
            pipeline.Rename(input.Name, now);
            pipeline.RestrictTo(groupIds, now);
            if (input.IsDefault && !pipeline.IsDefault)
            {
                await MakeDefaultAsync(pipeline, token);
            }

            await SaveAsync(pipeline, token);
            return true;
        }, ct);
    }

    /// <summary>
    /// Deletes a pipeline that no deal ever used (deleted deals included, so a restore always finds its stage) and that
    /// is not the default one.
    /// </summary>
    public async Task DeleteAsync(Pipeline pipeline, CancellationToken ct)
    {
        if (pipeline.IsDefault)
        {
            throw Problems.Conflict("pipeline.is_default", "The default pipeline cannot be deleted: make another pipeline the default first.");
        }

        await unitOfWork.InTransactionAsync(async token =>
        {
            var deals = await db.Deals.IgnoreQueryFilters([QueryFilters.SoftDelete]).CountAsync(d => d.PipelineId == pipeline.Id, token);
            if (deals > 0)
            {
                throw Problems.Conflict("pipeline.has_deals", $"The pipeline holds {deals} deal(s), deleted ones included; move them to another pipeline first.",
                    new Dictionary<string, object?> { ["dealCount"] = deals });
            }

            db.Pipelines.Remove(pipeline);
            await db.SaveChangesAsync(token);
            return true;
        }, ct);
        catalog.Invalidate();
    }

    public async Task AddStageAsync(Pipeline pipeline, AddPipelineStageRequest request, CancellationToken ct)
    {
        pipeline.AddStage(new StageDraft(request.Name.Trim(), request.Probability, request.RottingDays), request.Position, clock.GetUtcNow());
        await SaveAsync(pipeline, ct);
    }

    /// <summary>Applies a merge patch of a stage's name, probability and rottingDays.</summary>
    public async Task PatchStageAsync(Pipeline pipeline, PipelineStage stage, JsonElement patch, CancellationToken ct)
    {
        var input = MergePatch.Apply(new PipelineStageInput(stage.Name, stage.Probability, stage.RottingDays), patch);
        await stageValidator.EnsureValidAsync(input, ct);
        pipeline.UpdateStage(stage, input.Name, input.Probability, input.RottingDays, clock.GetUtcNow());
        await SaveAsync(pipeline, ct);
    }

    public async Task ReorderAsync(Pipeline pipeline, IReadOnlyList<Guid> stageIds, CancellationToken ct)
    {
        pipeline.Reorder(stageIds, clock.GetUtcNow());
        await SaveAsync(pipeline, ct);
    }

    /// <summary>
    /// Removes an open stage. Its live deals need a target stage (an open stage of the same pipeline); they move there
    /// in one UPDATE, each with a history row. Deleted deals move along (to the target, else the first other open
    /// stage) so that a restore finds a stage. The stage row is locked first: a concurrent move into it waits, then
    /// fails on the foreign key instead of leaving a deal in a removed stage.
    /// </summary>
    public async Task RemoveStageAsync(Pipeline pipeline, PipelineStage stage, Guid? targetStageId, CancellationToken ct)
    {
        if (stage.Kind != PipelineStageKind.Open)
        {
            throw Problems.Conflict("stage.closed_stage_required", "The won and lost stages of a pipeline cannot be removed.");
        }

        PipelineStage? target = null;
        if (targetStageId is { } targetId)
        {
            target = pipeline.FindStage(targetId);
            if (target is null || target.Kind != PipelineStageKind.Open || target.Id == stage.Id)
            {
                throw Problems.Validation(new Dictionary<string, string[]>
                {
                    ["targetStageId"] = ["targetStageId must be another open stage of the same pipeline."],
                });
            }
        }

        var now = Timestamps.Stored(clock.GetUtcNow());
        await unitOfWork.InTransactionAsync(async token =>
        {
            await LockStageAsync(stage, token);
            var live = await db.Deals.CountAsync(d => d.StageId == stage.Id, token);
            if (live > 0 && target is null)
            {
                throw Problems.Conflict("stage.has_deals", $"The stage holds {live} deal(s): name a targetStageId to move them to.",
                    new Dictionary<string, object?> { ["dealCount"] = live });
            }

            target ??= pipeline.OpenStages.FirstOrDefault(s => s.Id != stage.Id);
            if (target is not null)
            {
                var moved = await MoveAllAsync(stage, target, now, token);
                db.StageHistory.AddRange(moved.Select(id => DealStageChange.StageRemoved(id, stage, target, actor.Id, now)));
            }

            pipeline.RemoveStage(stage, now);
            await SaveAsync(pipeline, token);
            return true;
        }, ct);
    }

    /// <summary>Saves a pipeline change, always rewriting the pipeline row so its version moves and guards the write.</summary>
    private async Task SaveAsync(Pipeline pipeline, CancellationToken ct)
    {
        db.Entry(pipeline).Property(p => p.UpdatedAt).IsModified = true;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Makes <paramref name="pipeline"/> the default: the previous default loses the flag first (one per tenant).</summary>
    private async Task MakeDefaultAsync(Pipeline pipeline, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var other in await db.Pipelines.Where(p => p.IsDefault && p.Id != pipeline.Id).ToListAsync(ct))
        {
            other.MarkDefault(false, now);
        }

        await db.SaveChangesAsync(ct);
        pipeline.MarkDefault(true, now);
        await db.SaveChangesAsync(ct);
    }

    private async Task<IReadOnlyList<Guid>> CheckGroupsAsync(IReadOnlyList<Guid>? groupIds, CancellationToken ct)
    {
        var ids = (groupIds ?? []).Distinct().ToList();
        var existing = await users.ExistingGroupsAsync(ids, ct);
        var unknown = ids.Where(id => !existing.Contains(id)).ToList();
        if (unknown.Count > 0)
        {
            throw Problems.Validation(new Dictionary<string, string[]>
            {
                ["groupIds"] = [$"No group {string.Join(", ", unknown)} exists in this tenant."],
            });
        }

        return ids;
    }

    private async Task EnsureUniqueNameAsync(string name, Guid? except, CancellationToken ct)
    {
        var trimmed = name.Trim();
        var all = await catalog.AllAsync(ct);
        if (all.Any(p => p.Id != except && string.Equals(p.Name, trimmed, StringComparison.OrdinalIgnoreCase)))
        {
            throw Problems.Conflict("pipeline.duplicate_name", $"A pipeline named '{trimmed}' exists.");
        }
    }

    private async Task LockStageAsync(PipelineStage stage, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT 1 FROM deals.stages WHERE tenant_id = $1 AND id = $2 FOR UPDATE", unitOfWork.Connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.RequiredTenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = stage.Id });
        await command.ExecuteScalarAsync(ct);
    }

    /// <summary>Moves every deal of a stage (deleted ones too) to the target in one statement; returns their ids.</summary>
    private async Task<List<Guid>> MoveAllAsync(PipelineStage from, PipelineStage to, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            UPDATE deals.deals
               SET pipeline_id = $3, stage_id = $4, stage_entered_at = $5, updated_at = $5
             WHERE tenant_id = $1 AND stage_id = $2
            RETURNING id
            """,
            unitOfWork.Connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.RequiredTenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = from.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = to.PipelineId });
        command.Parameters.Add(new NpgsqlParameter { Value = to.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
