using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Deals.Data;
using M3CoreCrm.Modules.Deals.Domain;
using M3CoreCrm.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Deals.Features.Pipelines;

/// <summary>
/// The current tenant's pipelines (with their stages), loaded once per request and tracked, and what the caller may
/// see of them: a pipeline restricted to groups is visible to members of one of those groups and to holders of
/// pipelines.manage (who administer every pipeline); its deals are invisible to everyone else, as if they did not
/// exist. A tenant without any pipeline gets the default one first.
/// </summary>
internal sealed class PipelineCatalog(
    DealsDbContext db,
    UnitOfWork unitOfWork,
    ITenantContext tenant,
    AccessScope access,
    ICurrentActor actor,
    IUserDirectory users,
    TimeProvider clock)
{
    private List<Pipeline>? _all;
    private IReadOnlySet<Guid>? _groups;
    private bool? _managesPipelines;

    /// <summary>Every pipeline of the tenant, ordered by creation.</summary>
    public async Task<IReadOnlyList<Pipeline>> AllAsync(CancellationToken ct)
    {
        if (_all is not null)
        {
            return _all;
        }

        var all = await db.Pipelines.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct);
        if (all.Count == 0)
        {
            await DefaultPipeline.EnsureAsync(db, unitOfWork, tenant.RequiredTenantId, clock.GetUtcNow(), ct);
            all = await db.Pipelines.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct);
        }

        return _all = all;
    }

    /// <summary>Forgets the loaded list (after a pipeline was added).</summary>
    public void Invalidate() => _all = null;

    public async Task<IReadOnlyList<Pipeline>> VisibleAsync(CancellationToken ct)
    {
        var visible = new List<Pipeline>();
        foreach (var pipeline in await AllAsync(ct))
        {
            if (await SeesAsync(pipeline, ct))
            {
                visible.Add(pipeline);
            }
        }

        return visible;
    }

    /// <summary>The ids of the pipelines the caller may not see (usually none).</summary>
    public async Task<IReadOnlyList<Guid>> HiddenIdsAsync(CancellationToken ct)
    {
        var hidden = new List<Guid>();
        foreach (var pipeline in await AllAsync(ct))
        {
            if (!await SeesAsync(pipeline, ct))
            {
                hidden.Add(pipeline.Id);
            }
        }

        return hidden;
    }

    public async Task<bool> SeesAsync(Pipeline pipeline, CancellationToken ct)
    {
        if (!pipeline.IsRestricted || await ManagesPipelinesAsync(ct))
        {
            return true;
        }

        _groups ??= actor.UserId is { } userId ? await users.GroupsOfAsync(userId, ct) : new HashSet<Guid>();
        return pipeline.GroupIds.Any(_groups.Contains);
    }

    /// <summary>A pipeline the caller sees; 404 otherwise (another tenant's, unknown, or restricted to other groups).</summary>
    public async Task<Pipeline> FindAsync(Guid id, CancellationToken ct) =>
        (await VisibleAsync(ct)).FirstOrDefault(p => p.Id == id) ?? throw Problems.NotFound("pipeline", id);

    /// <summary>A stage of a visible pipeline, with its pipeline; null when there is none the caller can see.</summary>
    public async Task<(Pipeline Pipeline, PipelineStage Stage)?> FindStageAsync(Guid stageId, CancellationToken ct)
    {
        foreach (var pipeline in await VisibleAsync(ct))
        {
            if (pipeline.FindStage(stageId) is { } stage)
            {
                return (pipeline, stage);
            }
        }

        return null;
    }

    /// <summary>Every stage of the tenant by id (visible or not: deals of hidden pipelines never reach a response).</summary>
    public async Task<IReadOnlyDictionary<Guid, PipelineStage>> StagesAsync(CancellationToken ct) =>
        (await AllAsync(ct)).SelectMany(p => p.Stages).ToDictionary(s => s.Id);

    /// <summary>The default pipeline, when the caller sees it.</summary>
    public async Task<Pipeline?> DefaultAsync(CancellationToken ct) =>
        (await VisibleAsync(ct)).FirstOrDefault(p => p.IsDefault);

    private async Task<bool> ManagesPipelinesAsync(CancellationToken ct) =>
        _managesPipelines ??= (await access.PermissionsAsync(ct)).ScopeOf(DealsPermissions.PipelinesManage) is not null;
}
